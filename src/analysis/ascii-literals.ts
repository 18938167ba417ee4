// Whether printable-ASCII text holds one of several literals, ignoring case, in one regular-expression pass instead
// of lower-casing the text and searching it once a literal (thousands of links a page, ten literals each).

const LOWER_ASCII = /^[\x21-\x40\x5b-\x7e]+$/;
const SPECIAL = /[\\^$.*+?()[\]{}|/]/g;

/** A test answering, for text of printable ASCII (0x21–0x7e) only, `literals.some((l) => text.toLowerCase()
 *  .includes(l))`; null unless every literal is printable ASCII without upper case (the answer would differ). */
export function asciiLiteralTest(literals: readonly string[]): ((text: string) => boolean) | null {
  if (literals.length === 0 || !literals.every((l) => LOWER_ASCII.test(l))) return null;
  // Without the u flag, i matches an ASCII letter with its other case and nothing else in ASCII text.
  const any = new RegExp(literals.map((l) => l.replace(SPECIAL, '\\$&')).join('|'), 'i');
  return (text) => any.test(text);
}
