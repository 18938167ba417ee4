import { describe, expect, it } from 'vitest';
import { createStoredAnswers } from '../../src/serve/stored-answers.js';

function fakeStore(answers: Record<string, string>) {
  const reads: string[] = [];
  return {
    reads,
    async answerText(id: string) {
      reads.push(id);
      return answers[id] ?? null;
    },
  };
}

describe('stored answers', () => {
  it('serves the stored text as its bytes and reads the store once for a repeated id', async () => {
    const store = fakeStore({ a: '{"id": "a", "score": 40}' });
    const answers = createStoredAnswers(store, { maxBytes: 1_000 });
    expect((await answers.get('a'))?.toString()).toBe('{"id": "a", "score": 40}');
    expect((await answers.get('a'))?.toString()).toBe('{"id": "a", "score": 40}');
    expect(store.reads).toEqual(['a']);
  });

  it('does not remember a miss: a scan stored later is found', async () => {
    const texts: Record<string, string> = {};
    const store = fakeStore(texts);
    const answers = createStoredAnswers(store, { maxBytes: 1_000 });
    expect(await answers.get('b')).toBeNull();
    texts.b = '{"id": "b"}';
    expect((await answers.get('b'))?.toString()).toBe('{"id": "b"}');
  });

  it('keeps no more bytes than its budget, the least recently read going first', async () => {
    const big = (id: string) => JSON.stringify({ id, pad: 'x'.repeat(380) });
    const store = fakeStore({ a: big('a'), b: big('b'), c: big('c') });
    const answers = createStoredAnswers(store, { maxBytes: 1_000 });
    await answers.get('a');
    await answers.get('b');
    await answers.get('a');
    await answers.get('c'); // over 1000 bytes with three: b, read least recently, goes
    store.reads.length = 0;
    await answers.get('a');
    await answers.get('c');
    await answers.get('b');
    expect(store.reads).toEqual(['b']);
  });

  it('passes a store failure on (the route answers it as problem details)', async () => {
    const answers = createStoredAnswers({ answerText: () => Promise.reject(new Error('down')) }, { maxBytes: 1_000 });
    await expect(answers.get('a')).rejects.toThrow('down');
  });
});
