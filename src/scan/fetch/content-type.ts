// A response's Content-Type, parsed by RFC 9110's grammar (fast-content-type-parse, from the Fastify org)
// instead of split(';') and a charset regex.
import { safeParse } from 'fast-content-type-parse';

export interface ContentType {
  /** Lower-cased type/subtype, or null when the header is missing, empty or not a media type. */
  type: string | null;
  /** The charset parameter as sent (unquoted), or null. */
  charset: string | null;
}

export function parseContentType(header: string | undefined): ContentType {
  if (header === undefined) return { type: null, charset: null };
  const parsed = safeParse(header);
  if (parsed.type !== '') return { type: parsed.type, charset: parsed.parameters['charset'] ?? null };
  // A malformed parameter list voids every parameter, but the media type before it still says what the
  // server meant (a PDF stays refused unread, a page stays a page): only the charset is dropped.
  const semi = header.indexOf(';');
  const type = semi < 0 ? '' : safeParse(header.slice(0, semi)).type;
  return { type: type === '' ? null : type, charset: null };
}
