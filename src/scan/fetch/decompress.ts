// Content codings we undo ourselves, so that the byte caps apply to what the decoder produces and not only to
// what crossed the wire: a hostile server can send a megabyte that inflates to a gigabyte.
// Exactly one coding is accepted. Stacked codings ("gzip, br") are legal HTTP but no real site needs them,
// and each extra layer multiplies the expansion a bomb can reach; unknown codings we cannot read at all.
import type { Transform } from 'node:stream';
import zlib from 'node:zlib';

export type Coding = 'identity' | 'gzip' | 'deflate' | 'br';

/** What we send; it must list only codings that `parseContentEncoding` accepts. */
export const ACCEPT_ENCODING = 'gzip, deflate, br';

export type CodingVerdict = { ok: true; coding: Coding } | { ok: false; reason: string };

const CODINGS: Record<string, Coding> = {
  identity: 'identity',
  gzip: 'gzip',
  'x-gzip': 'gzip',
  deflate: 'deflate',
  br: 'br',
};

/** Judge a Content-Encoding header (several headers arrive already joined with ", "). */
export function parseContentEncoding(header: string | undefined): CodingVerdict {
  const tokens = (header ?? '')
    .split(',')
    .map((t) => t.trim().toLowerCase())
    .filter((t) => t !== '' && t !== 'identity');
  if (tokens.length === 0) return { ok: true, coding: 'identity' };
  if (tokens.length > 1) {
    return { ok: false, reason: `stacked content codings are not accepted (content-encoding: ${tokens.join(', ')})` };
  }
  const coding = CODINGS[tokens[0]!];
  if (!coding) return { ok: false, reason: `unknown content coding "${tokens[0]}"` };
  return { ok: true, coding };
}

/** Bytes the decoder needs to see before it can be chosen (deflate comes in two framings). */
export const DECODER_LOOKAHEAD = 2;

/**
 * A streaming decoder for `coding`; null for identity. `head` is the start of the body: "deflate" is meant
 * to be zlib-wrapped (RFC 9110) but servers long sent raw deflate, and browsers accept both, so the zlib
 * header decides.
 */
export function createDecoder(coding: Coding, head: Buffer): Transform | null {
  // Flushing like a browser does lets a body cut off by our wire cap still yield what it decoded so far.
  const lenient = { finishFlush: zlib.constants.Z_SYNC_FLUSH };
  switch (coding) {
    case 'identity':
      return null;
    case 'gzip':
      return zlib.createGunzip(lenient);
    case 'deflate':
      return hasZlibHeader(head) ? zlib.createInflate(lenient) : zlib.createInflateRaw(lenient);
    case 'br':
      return zlib.createBrotliDecompress({ finishFlush: zlib.constants.BROTLI_OPERATION_FLUSH });
  }
}

/** RFC 1950: CM = 8 (deflate), window ≤ 32 KB, and the two header bytes are a multiple of 31. */
function hasZlibHeader(head: Buffer): boolean {
  if (head.length < 2) return false;
  const cmf = head[0]!;
  const flg = head[1]!;
  return (cmf & 0x0f) === 8 && cmf >> 4 <= 7 && ((cmf << 8) | flg) % 31 === 0;
}
