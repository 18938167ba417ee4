// What a scan saw, kept as evidence (store/evidence.ts) and replayed by a rescore (scan/rescore.ts): every
// page's bytes and response chain, the domain records as their servers sent them, the registry's answers, and
// what could not be gathered. Everything the rules read comes from here, so a rescore needs no network.
import type { DomainFacts, Facts, RegistryEntry } from '../engine/types.js';

/** One HTTP response on the way to a page (redirects first, the page's own response last). */
export interface CapturedResponse {
  url: string;
  status: number;
  /** Lower-case names, as received. */
  headers: Record<string, string>;
  /** The IP address the connection was made to (checked by the address policy), when one was made. */
  remoteAddress: string | null;
  /** How this response sent us on, when it did: a Location, a Refresh header or a <meta http-equiv="refresh">. */
  via?: 'location' | 'refresh-header' | 'meta-refresh';
  /** Time from the request to the response headers. */
  ms: number;
}

export interface CapturedPage {
  /** main = the submitted URL's page; linked = a same-site page read for its form; provided = HTML the caller sent. */
  role: 'main' | 'linked' | 'provided';
  /** The URL asked for, and the one whose response is the page. */
  requestedUrl: string;
  url: string;
  chain: CapturedResponse[];
  contentType: string | null;
  /** The page's bytes after content-encoding was undone, before charset decoding; null when there was no page body. */
  body: Buffer | null;
  truncated: boolean;
  /** Why there is no usable page, when there is none. */
  error?: string;
  ms: number;
}

/** The raw reply a domain fact was read from. */
export interface CapturedDomain {
  domain: string;
  source: 'rdap' | 'whois';
  /** WHOIS host:port or the RDAP URL asked. */
  server: string;
  /** The reply as received: WHOIS text or RDAP JSON text; null when no server answered. */
  raw: string | null;
}

export interface ScanCapture {
  pages: CapturedPage[];
  /** The domain records the verdict used (the final domain's), and the submitted domain's when a redirect left it. */
  domains: CapturedDomain[];
  /** What the rules were given, so a rescore replays exactly these facts. */
  facts: {
    domain: DomainFacts | null;
    registry: [string, RegistryEntry][] | null;
    unavailable: Facts['unavailable'];
  };
  timings: { totalMs: number; pageMs: number; domainMs: number; analysisMs: number };
}
