// A real Redis for tests: TEST_REDIS_URL (the machine's server, set by .ci/run), otherwise a testcontainers
// container where a container engine exists. Null when neither is there. Each caller gets its own key
// prefix (the machine's Redis is shared by parallel test files); `stop` deletes that prefix's keys.
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';

export interface TestRedis {
  url: string;
  /** Use as SCAMSCORE_REDIS_PREFIX: keys of this test only. */
  prefix: string;
  stop(): Promise<void>;
}

/** Deletes every key under a prefix (SCAN, not KEYS: the server stays responsive). */
export async function deleteKeys(url: string, prefix: string): Promise<void> {
  const redis = new Redis(url, { maxRetriesPerRequest: 1 });
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length) await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

export async function startTestRedis(): Promise<TestRedis | null> {
  const prefix = `scamscore-test-${randomBytes(5).toString('hex')}`;
  if (process.env.TEST_REDIS_URL) {
    const url = process.env.TEST_REDIS_URL;
    return { url, prefix, stop: () => deleteKeys(url, prefix) };
  }
  try {
    const { GenericContainer } = await import('testcontainers');
    const container = await new GenericContainer('redis:7-alpine').withExposedPorts(6379).start();
    const url = `redis://${container.getHost()}:${container.getMappedPort(6379)}/0`;
    return { url, prefix, stop: async () => void (await container.stop()) };
  } catch {
    return null;
  }
}
