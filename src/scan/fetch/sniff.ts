// Is this body really a web page? Content-Type is whatever the server says; a scam kit can label an APK,
// a PDF or an image "text/html". Before anything is decoded as text we look at the first bytes, the way
// browsers' MIME sniffing does for binary formats, and refuse to parse what is plainly not text.

/** How much of the (decoded) body the sniffer wants; fewer bytes are fine when the body is shorter. */
export const SNIFF_BYTES = 512;

type Signature = { type: string; offset?: number; bytes: (number | null)[] /* null: any byte */ };

const ascii = (s: string): number[] => [...s].map((c) => c.charCodeAt(0));

const SIGNATURES: Signature[] = [
  { type: 'application/pdf', bytes: ascii('%PDF-') },
  { type: 'image/png', bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { type: 'image/gif', bytes: ascii('GIF87a') },
  { type: 'image/gif', bytes: ascii('GIF89a') },
  { type: 'image/jpeg', bytes: [0xff, 0xd8, 0xff] },
  { type: 'image/webp', bytes: [...ascii('RIFF'), null, null, null, null, ...ascii('WEBP')] },
  { type: 'application/zip', bytes: [0x50, 0x4b, 0x03, 0x04] }, // also APK, JAR, DOCX
  { type: 'application/x-elf', bytes: [0x7f, 0x45, 0x4c, 0x46] },
  { type: 'application/gzip', bytes: [0x1f, 0x8b, 0x08] },
  { type: 'application/wasm', bytes: [0x00, 0x61, 0x73, 0x6d] },
  { type: 'video/mp4', offset: 4, bytes: ascii('ftyp') },
  { type: 'application/x-7z-compressed', bytes: [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c] },
  { type: 'application/x-rar-compressed', bytes: ascii('Rar!\x1a\x07') },
];

function matches(head: Buffer, sig: Signature): boolean {
  const at = sig.offset ?? 0;
  if (head.length < at + sig.bytes.length) return false;
  return sig.bytes.every((b, i) => b === null || head[at + i] === b);
}

/**
 * The binary type the first bytes reveal, or null when they could be text. `utf16` says the page declared a
 * UTF-16 charset, whose ASCII characters legitimately carry NUL bytes.
 */
export function sniffBinary(head: Buffer, opts: { utf16?: boolean } = {}): string | null {
  const hit = SIGNATURES.find((sig) => matches(head, sig));
  if (hit) return hit.type;
  const utf16Bom = (head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff);
  if (utf16Bom || opts.utf16) return null;
  // A NUL byte never occurs in text in an ASCII-compatible charset (WHATWG sniffing's "binary data byte").
  if (head.subarray(0, SNIFF_BYTES).includes(0)) return 'application/octet-stream';
  return null;
}
