// A fetched page as it travels to the analysis worker: its bytes and Content-Type, decoded there. Building a
// 2 MB page's text on the main thread, and cloning it into the worker, stalled the event loop that answers
// every other request; bytes cross as one memcpy. HTML a caller sent is already text and travels as such.
import { decodeBody } from './decode.js';

export type PageSource =
  | { url: string; html: string }
  /** `bytes` as FetchOutcome.raw: content-encoding undone, charset not yet applied. */
  | { url: string; bytes: Uint8Array; contentType: string | null };

/** The page's text, decoded as safe-fetch.ts would have (decode.ts chooses the charset). */
export function pageText(page: PageSource): string {
  return 'html' in page ? page.html : decodeBody(page.bytes, page.contentType ?? undefined).text;
}
