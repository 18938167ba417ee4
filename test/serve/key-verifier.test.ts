// The key verifier's cache when the store cannot answer: whether any key exists keeps its last answer.
import { describe, expect, it } from 'vitest';
import { StoreUnavailableError } from '../../src/errors.js';
import { createKeyVerifier, KEY_CACHE_MS } from '../../src/serve/keys.js';
import type { ApiKeyStore } from '../../src/store/api-keys.js';

/** A key store whose anyKeys answers `answers` in turn; `null` stands for the store being unreachable. */
function storeAnswering(answers: (boolean | null)[]): ApiKeyStore & { asked: number } {
  const store = {
    asked: 0,
    async anyKeys() {
      const answer = answers[Math.min(store.asked++, answers.length - 1)];
      if (answer === null || answer === undefined) throw new StoreUnavailableError('the database is unavailable: connect ECONNREFUSED');
      return answer;
    },
  };
  return store as unknown as ApiKeyStore & { asked: number };
}

describe('createKeyVerifier.anyKeys', () => {
  it('keeps its last answer past the cache time while the store cannot answer, and asks again each time', async () => {
    let now = 0;
    const store = storeAnswering([false, null, null, true]);
    const verifier = createKeyVerifier(store, { now: () => now });
    expect(await verifier.anyKeys()).toBe(false);
    now += KEY_CACHE_MS + 1;
    expect(await verifier.anyKeys()).toBe(false);
    expect(await verifier.anyKeys()).toBe(false);
    expect(store.asked).toBe(3);
    // Back, the store's answer replaces the kept one.
    expect(await verifier.anyKeys()).toBe(true);
  });

  it('fails with the store when it never answered', async () => {
    const verifier = createKeyVerifier(storeAnswering([null]));
    await expect(verifier.anyKeys()).rejects.toThrow(StoreUnavailableError);
  });
});
