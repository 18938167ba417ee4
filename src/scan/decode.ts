// Bytes → text, choosing the charset the way a browser would, because the evidence we quote must read as the
// page did to its visitors. The choice is the WHATWG "encoding sniffing algorithm" (BOM, then the header's
// charset, then the <meta>/XML-declaration prescan of the first 1024 bytes), done by encoding-sniffer; the
// decoders are the WHATWG Encoding Standard's (@exodus/bytes), whose EUC-KR is really CP949, as Korean
// sites that call themselves EUC-KR need (똠, 햏).
import { getBOMEncoding, labelToName, TextDecoder as WhatwgDecoder } from '@exodus/bytes/encoding.js';
import { getEncoding } from 'encoding-sniffer';
import { parseContentType } from './fetch/content-type.js';

export interface DecodedBody {
  text: string;
  /** Decoder used: 'utf-8', 'cp949', 'windows-1252', 'utf-16le'... */
  charset: string;
}

// Korean servers and pages use these labels; WHATWG lists none of them, but each means Windows' code page 949
// (WHATWG's own label for it is windows-949).
const KOREAN_LABELS = new Set(['cp949', 'uhc', 'x-windows-949']);
const KOREAN_LABEL_IN_MARKUP = /\b(?:x-windows-949|cp949|uhc)\b/gi;
/** The WHATWG prescan reads this many bytes for a <meta> or XML-declaration charset. */
const PRESCAN_BYTES = 1024;

/** WHATWG encoding name → the name we report (EUC-KR's decoder is CP949 in all but name). */
function reportedName(encoding: string): string {
  return encoding === 'EUC-KR' ? 'cp949' : encoding.toLowerCase();
}

/** The WHATWG encoding for a label, with the Korean extras; null when unknown. */
function encodingForLabel(label: string): string | null {
  return KOREAN_LABELS.has(label.trim().toLowerCase()) ? 'EUC-KR' : labelToName(label);
}

/** The decoder for a charset label ('utf-8', 'cp949'...), or null when we do not know it. */
export function charsetForLabel(label: string): string | null {
  const encoding = encodingForLabel(label);
  return encoding === null ? null : reportedName(encoding);
}

// Node's own decoder is the fast path for UTF-8; its ICU EUC-KR lacks CP949's extra syllables, hence WHATWG's.
const utf8 = new TextDecoder('utf-8');
const decoders = new Map<string, { decode(bytes: Uint8Array): string }>([['utf-8', utf8]]);

/** A decoder per encoding, made once: decode() without `stream` leaves nothing behind. */
function decoderFor(encoding: string): { decode(bytes: Uint8Array): string } {
  const key = encoding.toLowerCase(); // getBOMEncoding answers 'utf-8', the sniffer 'UTF-8'
  let decoder = decoders.get(key);
  if (!decoder) decoders.set(key, (decoder = new WhatwgDecoder(encoding)));
  return decoder;
}

/**
 * What the prescan should read: the page's first bytes, with the Korean labels spelt as WHATWG's windows-949
 * so that a <meta charset=x-windows-949> counts as it did before we followed the standard.
 */
function prescanWindow(bytes: Uint8Array): Uint8Array {
  const head = bytes.subarray(0, PRESCAN_BYTES);
  // latin1 maps bytes 1:1, so the ASCII markup reads the same whatever the page's charset.
  const text = Buffer.from(head.buffer, head.byteOffset, head.length).toString('latin1');
  KOREAN_LABEL_IN_MARKUP.lastIndex = 0;
  return KOREAN_LABEL_IN_MARKUP.test(text)
    ? Buffer.from(text.replace(KOREAN_LABEL_IN_MARKUP, 'windows-949'), 'latin1')
    : head;
}

export function decodeBody(bytes: Uint8Array, contentTypeHeader: string | undefined): DecodedBody {
  const encoding = encodingOf(bytes, contentTypeHeader);
  // Non-fatal decoding: broken sequences (or a character cut by the body cap) become U+FFFD; a BOM is dropped.
  return { text: decoderFor(encoding).decode(bytes), charset: reportedName(encoding) };
}

/** The charset decodeBody would use, without decoding: the server learns it without building the page's text. */
export function charsetOf(bytes: Uint8Array, contentTypeHeader: string | undefined): string {
  return reportedName(encodingOf(bytes, contentTypeHeader));
}

/** No charset spends more than this many bytes on one UTF-16 code unit (GB18030's four-byte sequences). */
const MAX_BYTES_PER_UNIT = 4;

/**
 * decodeBody(bytes).text.slice(0, maxChars), decoding only about as many bytes as that needs (the meta refresh
 * is looked for in a prefix: decoding a whole 2 MB page for it was most of its cost).
 */
export function decodePrefix(bytes: Uint8Array, contentTypeHeader: string | undefined, maxChars: number): DecodedBody {
  const encoding = encodingOf(bytes, contentTypeHeader);
  const decoder = decoderFor(encoding);
  const window = bytes.subarray(0, maxChars * MAX_BYTES_PER_UNIT);
  let text = decoder.decode(window);
  // Decoders are deterministic left to right: a cut window differs from the whole only at its end (a cut
  // character's U+FFFD), which lies past maxChars when the window gave more than maxChars. A stateful charset
  // (ISO-2022-JP's escapes) may give fewer: then the whole is decoded.
  if (window.length < bytes.length && text.length <= maxChars) text = decoder.decode(bytes);
  return { text: text.length > maxChars ? text.slice(0, maxChars) : text, charset: reportedName(encoding) };
}

function encodingOf(bytes: Uint8Array, contentTypeHeader: string | undefined): string {
  return getBOMEncoding(bytes) ?? declaredEncoding(contentTypeHeader) ?? prescan(bytes);
}

function declaredEncoding(contentTypeHeader: string | undefined): string | null {
  const declared = parseContentType(contentTypeHeader).charset;
  return declared === null ? null : encodingForLabel(declared);
}

/** Only a BOM beats a charset the header declared, so this (the costly part) runs only without one. */
function prescan(bytes: Uint8Array): string {
  const window = prescanWindow(bytes);
  // Browsers guess from the locale when nothing is declared; the web of today is UTF-8.
  return getEncoding(window, { maxBytes: window.length, defaultEncoding: 'UTF-8' });
}
