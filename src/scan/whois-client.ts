// The WHOIS transport (RFC 3912: one query line in, the reply out, then close), on a socket we own. We own
// it so that the caller's deadline really closes it, a server trickling bytes cannot hold it past that
// deadline, and a huge reply cannot fill memory. whois-json's socket offered none of that.
import net from 'node:net';
import iconv from 'iconv-lite';

/** Registry records are a few KB; anything near this is a server misbehaving, and its head is enough. */
export const DEFAULT_MAX_REPLY_BYTES = 256 * 1024;

export interface WhoisTarget {
  /** Name or IP literal; referrals pass the IP they checked, so no second lookup happens here. */
  host: string;
  port: number;
}

export interface WhoisExchange {
  bytes: Buffer;
  /** True when we stopped reading at the byte cap. */
  truncated: boolean;
}

/** What may be sent: letters, digits, dots and hyphens, nothing a line-based protocol could split on. */
const SAFE_DOMAIN = /^[a-z0-9.-]{1,253}$/;

/**
 * The query line for `domain` from a server's template (`$addr\r\n`, `DOMAIN $addr\r\n`). Checked here as
 * well as by the caller's name validation, because this is the last point before bytes hit the socket.
 */
export function buildQueryLine(template: string, domain: string): string {
  if (!SAFE_DOMAIN.test(domain)) throw new TypeError(`refusing to send ${JSON.stringify(domain)} to a WHOIS server`);
  const line = template.replace('$addr', domain);
  // Exactly one line: the template's own CRLF at the end and no other CR or LF anywhere.
  if (!line.endsWith('\r\n') || /[\r\n]/.test(line.slice(0, -2))) {
    throw new TypeError(`WHOIS query template ${JSON.stringify(template)} is not a single line`);
  }
  return line;
}

/**
 * Sends one query line and reads the reply until the server closes, the cap is reached (then the socket is
 * destroyed and what was read is returned), or `signal` aborts (then the socket is destroyed and the promise
 * rejects with the signal's reason). Socket errors reject with the node error, whose code the caller reads.
 */
export function exchange(
  target: WhoisTarget,
  line: string,
  opts: { maxBytes: number; signal: AbortSignal },
): Promise<WhoisExchange> {
  const { maxBytes, signal } = opts;
  return new Promise<WhoisExchange>((resolve, reject) => {
    if (signal.aborted) {
      reject(signal.reason);
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let truncated = false;
    let done = false;
    const socket = net.connect({ host: target.host, port: target.port });

    const finish = (err?: unknown) => {
      if (done) return;
      done = true;
      signal.removeEventListener('abort', onAbort);
      // destroy, not end: a server that never reads our FIN must not keep the socket alive.
      socket.destroy();
      if (err !== undefined) reject(err);
      else resolve({ bytes: Buffer.concat(chunks, size), truncated });
    };
    const onAbort = () => finish(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });

    socket.on('data', (chunk: Buffer) => {
      const take = Math.min(chunk.length, maxBytes - size);
      chunks.push(take === chunk.length ? chunk : chunk.subarray(0, take));
      size += take;
      if (size >= maxBytes) {
        truncated = true;
        finish();
      }
    });
    socket.on('error', (err) => finish(err));
    socket.on('close', () => finish());
    // net buffers the write until the connection is up.
    socket.write(line, 'latin1');
  });
}

/**
 * Reply bytes → text. UTF-8 when the bytes are valid UTF-8 (KISA and most registries today); otherwise
 * cp949, the Korean legacy encoding older .kr servers and tools still produce. A reply cut at the cap may
 * end inside a UTF-8 sequence, so the cut tail is left out instead of counting against UTF-8.
 */
export function decodeWhoisReply(bytes: Buffer, truncated: boolean): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: truncated });
  } catch {
    return iconv.decode(bytes, 'cp949');
  }
}
