import { describe, expect, it } from 'vitest';
import { asciiLiteralTest } from '../../src/analysis/ascii-literals.js';
import { seededRandom } from '../support/prng.js';

describe('asciiLiteralTest', () => {
  it('answers as includes on the lower-cased text, on random printable ASCII', () => {
    const r = seededRandom(5);
    // Letters of both cases, the characters a regular expression reads specially, and a few others.
    const alphabet = [...'aAbBkK.t/Me|*?\\[]()^$+{}-%:'];
    const text = (n: number) => Array.from({ length: n }, () => alphabet[Math.floor(r() * alphabet.length)]).join('');
    for (let round = 0; round < 300; round++) {
      const literals = Array.from({ length: 1 + Math.floor(r() * 4) }, () => text(1 + Math.floor(r() * 3)).toLowerCase());
      const test = asciiLiteralTest(literals)!;
      for (let q = 0; q < 30; q++) {
        const s = text(Math.floor(r() * 12));
        expect(test(s), JSON.stringify([literals, s])).toBe(literals.some((l) => s.toLowerCase().includes(l)));
      }
    }
  });

  it('declines literals it would answer differently for', () => {
    expect(asciiLiteralTest(['t.Me'])).toBeNull();
    expect(asciiLiteralTest(['카톡'])).toBeNull();
    expect(asciiLiteralTest(['a b'])).toBeNull();
    expect(asciiLiteralTest([])).toBeNull();
  });
});
