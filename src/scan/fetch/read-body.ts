// Read a response body with two byte caps (on the wire and after decoding), content sniffing, and the
// caller's deadline. Everything runs in one event-driven loop so that whichever limit is hit first stops
// all of it at once: the socket (by destroying the body, which makes undici drop the connection) and the
// decoder (a destroyed zlib stream stops inflating, so a compression bomb costs one chunk, not a gigabyte).
import type { Readable, Transform } from 'node:stream';
import { FetchError } from '../../errors.js';
import { createDecoder, DECODER_LOOKAHEAD, type Coding } from './decompress.js';
import { SNIFF_BYTES, sniffBinary } from './sniff.js';

export interface ReadBodyOptions {
  coding: Coding;
  /** Cap on the bytes taken from the wire; also on the bytes after decoding. */
  maxBytes: number;
  /** Look at the first bytes and stop if they are a binary format. */
  sniff: boolean;
  /** The page declared UTF-16 (NUL bytes are then expected). */
  utf16: boolean;
  signal: AbortSignal;
}

export type BodyResult =
  | { kind: 'body'; data: Buffer; wireBytes: number; truncated: boolean }
  | { kind: 'binary'; sniffed: string; wireBytes: number }
  /** `error` is a FetchError (BAD_ENCODING) or whatever the stream or the signal failed with. */
  | { kind: 'failed'; error: unknown; wireBytes: number };

export function readBody(body: Readable, opts: ReadBodyOptions): Promise<BodyResult> {
  return new Promise<BodyResult>((resolve) => {
    const kept: Buffer[] = [];
    let decodedBytes = 0;
    let wireBytes = 0;
    let truncated = false;
    let sniffed = !opts.sniff;
    let settled = false;
    let decoder: Transform | null = null;
    let lookahead: Buffer[] = []; // wire bytes held until the decoder can be chosen
    let wireDone = false;

    const settle = (result: BodyResult) => {
      if (settled) return;
      settled = true;
      opts.signal.removeEventListener('abort', onAbort);
      // Idempotent; on a body that already ended this only releases it.
      body.destroy();
      decoder?.destroy();
      resolve(result);
    };
    const done = () => {
      // A truncated body is done before its stream ends: the end that may follow has nothing left to copy.
      if (settled) return;
      const data = Buffer.concat(kept, decodedBytes);
      // The chunks are copied into `data`: let them go now, not when the listeners holding `kept` do.
      kept.length = 0;
      if (!sniffed) {
        const type = sniffBinary(data, { utf16: opts.utf16 });
        if (type) return settle({ kind: 'binary', sniffed: type, wireBytes });
      }
      settle({ kind: 'body', data, wireBytes, truncated });
    };

    // Decoded (or identity) bytes arrive here, capped.
    const accept = (chunk: Buffer) => {
      if (settled) return;
      const room = opts.maxBytes - decodedBytes;
      const piece = chunk.length > room ? chunk.subarray(0, room) : chunk;
      kept.push(piece);
      decodedBytes += piece.length;
      if (!sniffed && decodedBytes >= SNIFF_BYTES) {
        sniffed = true;
        // The sniffer reads SNIFF_BYTES only: copying the whole first chunk (64 KB off a socket) was waste.
        const type = sniffBinary(Buffer.concat(kept, SNIFF_BYTES), { utf16: opts.utf16 });
        // Stop downloading what we will not read.
        if (type) return settle({ kind: 'binary', sniffed: type, wireBytes });
      }
      if (chunk.length > room) {
        truncated = true;
        done();
      }
    };

    const startDecoder = (head: Buffer) => {
      decoder = createDecoder(opts.coding, head);
      if (!decoder) return;
      const d = decoder;
      d.on('data', accept);
      d.on('end', done);
      d.on('drain', () => body.resume());
      d.on('error', (err) => {
        if (settled) return;
        // A corrupt stream still yields the text before the damage; the page is kept, marked incomplete.
        if (decodedBytes > 0) {
          truncated = true;
          return done();
        }
        settle({
          kind: 'failed',
          wireBytes,
          error: new FetchError('BAD_ENCODING', `the ${opts.coding} body could not be decoded: ${err.message}`, {
            cause: err,
          }),
        });
      });
    };

    const toDecoder = (chunk: Buffer) => {
      if (opts.coding === 'identity') return accept(chunk);
      if (!decoder) {
        lookahead.push(chunk);
        const held = Buffer.concat(lookahead);
        if (held.length < DECODER_LOOKAHEAD && !wireDone) return;
        lookahead = [];
        startDecoder(held);
        chunk = held;
      }
      if (!decoder!.write(chunk)) body.pause();
    };

    const endOfWire = () => {
      wireDone = true;
      if (settled) return;
      if (opts.coding === 'identity' || (!decoder && lookahead.length === 0)) return done();
      if (!decoder) toDecoder(Buffer.alloc(0));
      decoder!.end();
    };

    body.on('data', (chunk: Buffer) => {
      if (settled) return;
      const room = opts.maxBytes - wireBytes;
      if (chunk.length > room) {
        // The wire cap: what is already here is decoded, nothing more is downloaded.
        truncated = true;
        wireBytes += room;
        if (room > 0) toDecoder(chunk.subarray(0, room));
        body.pause();
        body.removeAllListeners('data');
        body.destroy();
        return endOfWire();
      }
      wireBytes += chunk.length;
      toDecoder(chunk);
    });
    body.on('end', endOfWire);
    body.on('error', (err) => {
      // Once we stopped the download ourselves (wire cap, settle) its destroy error is ours and means nothing.
      if (wireDone) return;
      settle({ kind: 'failed', error: err, wireBytes });
    });

    const onAbort = () => settle({ kind: 'failed', error: opts.signal.reason, wireBytes });
    if (opts.signal.aborted) return onAbort();
    opts.signal.addEventListener('abort', onAbort, { once: true });
  });
}
