// The hand-written decodeBody that src/scan/decode.ts replaced (commit a582c9c), kept only as the baseline of
// test/bench/charset.ts.
// Bytes → text, choosing the charset the way a browser would (BOM, then header, then <meta> prescan), because
// the evidence we quote must read as the page did to its visitors. Korean sites still ship EUC-KR that is
// really CP949 (Windows' superset), so every Korean label decodes as CP949.
import iconv from 'iconv-lite';

export interface DecodedBody {
  text: string;
  /** Decoder used: 'utf-8', 'cp949', 'windows-1252', 'utf-16le'... */
  charset: string;
}

/** The WHATWG prescan looks at the first 1024 bytes for a <meta> charset. */
const PRESCAN_BYTES = 1024;

const LABEL_ALIASES: Record<string, string> = {
  // Korean: EUC-KR pages routinely contain CP949-only syllables (똠, 햏); WHATWG maps them all the same way.
  'euc-kr': 'cp949',
  euckr: 'cp949',
  'ks_c_5601-1987': 'cp949',
  'ks_c_5601-1989': 'cp949',
  ksc5601: 'cp949',
  ksc_5601: 'cp949',
  'iso-ir-149': 'cp949',
  korean: 'cp949',
  'csksc56011987': 'cp949',
  cp949: 'cp949',
  'x-windows-949': 'cp949',
  'windows-949': 'cp949',
  uhc: 'cp949',
  // Per WHATWG these labels are windows-1252 in a browser, not strict Latin-1.
  'iso-8859-1': 'windows-1252',
  iso8859_1: 'windows-1252',
  'iso8859-1': 'windows-1252',
  latin1: 'windows-1252',
  l1: 'windows-1252',
  ascii: 'windows-1252',
  'us-ascii': 'windows-1252',
  'windows-1252': 'windows-1252',
  cp1252: 'windows-1252',
  gb2312: 'gbk',
  // utf-16 without a BOM is little-endian in practice.
  'utf-16': 'utf-16le',
  unicode: 'utf-16le',
};

const UTF8_LABELS = new Set(['utf-8', 'utf8', 'unicode-1-1-utf-8', 'unicode11utf8', 'unicode20utf8', 'x-unicode20utf8']);

/** The decoder for a charset label, or null when we do not know it. */
export function charsetForLabel(label: string): string | null {
  const l = label.trim().replace(/^["']|["']$/g, '').toLowerCase();
  if (!l) return null;
  if (UTF8_LABELS.has(l)) return 'utf-8';
  const alias = LABEL_ALIASES[l];
  if (alias) return alias;
  return iconv.encodingExists(l) ? l : null;
}

function fromBom(bytes: Buffer): { charset: string; skip: number } | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { charset: 'utf-8', skip: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { charset: 'utf-16le', skip: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { charset: 'utf-16be', skip: 2 };
  return null;
}

function fromHeader(contentType: string | undefined): string | null {
  const m = contentType ? /;\s*charset\s*=\s*("?)([^";\s]+)\1/i.exec(contentType) : null;
  return m ? charsetForLabel(m[2]!) : null;
}

function fromMeta(bytes: Buffer): string | null {
  // latin1 maps bytes 1:1, so ASCII markup reads the same whatever the page's real charset.
  const head = bytes.subarray(0, PRESCAN_BYTES).toString('latin1');
  // Covers <meta charset=x> and <meta http-equiv="Content-Type" content="text/html; charset=x">.
  const re = /<meta\b[^>]*?\bcharset\s*=\s*["']?\s*([A-Za-z0-9_:.+-]+)/gi;
  for (let m = re.exec(head); m; m = re.exec(head)) {
    const cs = charsetForLabel(m[1]!);
    if (cs) {
      // A page that reached us as bytes cannot really be UTF-16 if its ASCII markup is readable: WHATWG
      // treats such a declaration as UTF-8.
      return cs.startsWith('utf-16') ? 'utf-8' : cs;
    }
  }
  return null;
}

export function decodeBody(bytes: Buffer, contentTypeHeader: string | undefined): DecodedBody {
  const bom = fromBom(bytes);
  const charset = bom?.charset ?? fromHeader(contentTypeHeader) ?? fromMeta(bytes) ?? 'utf-8';
  const body = bom ? bytes.subarray(bom.skip) : bytes;
  if (charset === 'utf-8') {
    // Non-fatal: broken sequences (or a multi-byte character cut by the body cap) become U+FFFD.
    return { text: new TextDecoder('utf-8', { ignoreBOM: true }).decode(body), charset };
  }
  // iconv-lite strips a leading BOM by default; we have already skipped it.
  return { text: iconv.decode(body, charset), charset };
}
