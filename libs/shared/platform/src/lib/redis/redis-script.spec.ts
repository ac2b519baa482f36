import { createClient } from '@redis/client';
import { randomUUID } from 'node:crypto';
import { RedisScript } from './redis-script';

const REDIS_URL = 'redis://127.0.0.1:6379';

describe('RedisScript', () => {
  const client = createClient({ url: REDIS_URL, RESP: 3 });
  const key = `test:redis-script:${randomUUID()}`;

  beforeAll(async () => {
    await client.connect();
  });

  afterAll(async () => {
    await client.del(key);
    await client.close();
  });

  it('sends a script Redis does not know in full once, and by SHA1 afterwards', async () => {
    // A script no one has loaded: its own id is part of the source.
    const script = new RedisScript(`-- ${randomUUID()}\nreturn redis.call('INCRBY', KEYS[1], ARGV[1])`);
    const sent: string[] = [];
    const recording = {
      sendCommand: (args: string[], options?: { timeout?: number }) => {
        sent.push(args[0] ?? '');
        return client.sendCommand(args, options);
      },
    };

    expect(await script.run(recording, [key], [2])).toBe(2);
    expect(await script.run(recording, [key], [3])).toBe(5);
    expect(sent).toEqual(['EVALSHA', 'EVAL', 'EVALSHA']);
  });

  it('passes on any other error', async () => {
    const script = new RedisScript(`return redis.error_reply('NOPE ${randomUUID()}')`);
    await script.run(client, [], []).catch(() => undefined);
    await expect(script.run(client, [], [])).rejects.toThrow(/NOPE/);
  });
});
