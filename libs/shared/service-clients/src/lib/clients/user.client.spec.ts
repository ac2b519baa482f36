import type { IncomingMessage, ServerResponse } from 'node:http';
import { callerHarness, type CallerHarness } from '../../test/caller-harness';
import { DownstreamStub, json } from '../../test/downstream-stub';
import { UserClient } from './user.client';

const user = {
  id: '1',
  name: 'Ada Lovelace',
  email: 'ada@example.com',
  address: { line1: '1 Main St', city: 'London', postalCode: 'N1', country: 'GB' },
  createdAt: '2024-01-01T00:00:00.000Z',
};
const breaker = { failureRatio: 0.5, minRequests: 4, windowMs: 10_000, cooldownMs: 60_000 };
const credentials = { email: 'ada@example.com', password: 'guess' };

describe('UserClient credential checks', () => {
  let stub: DownstreamStub;
  let harness: CallerHarness;
  let users: UserClient;
  /** How `POST /credentials/verify` answers; `GET /users/:id` always works. */
  let verify: (res: ServerResponse) => void;

  beforeAll(async () => {
    stub = await DownstreamStub.start((req: IncomingMessage, res: ServerResponse) => {
      if (req.method === 'POST' && req.url === '/credentials/verify') verify(res);
      else json(res, 200, user);
    });
  });

  beforeEach(() => {
    harness = callerHarness(stub.url, {
      retry: { retries: 0 },
      breaker,
      bulkhead: { maxConcurrency: 2, maxQueue: 0 },
    });
    users = new UserClient(harness.caller);
  });

  afterEach(() => harness.close());
  afterAll(() => stub.stop());

  const credentialsLane = () => harness.resilience.lane('credentials').state();

  it('reads a wrong password (401) as null, which counts against no breaker', async () => {
    verify = (res) => json(res, 401, { status: 401 });
    for (let i = 0; i < 10; i++) await expect(users.verifyCredentials(credentials)).resolves.toBeNull();
    expect(credentialsLane().breaker).toBe('closed');
    expect(harness.resilience.state().breaker).toBe('closed');
  });

  it('keeps reading profiles while failing credential checks open their own breaker', async () => {
    verify = (res) => json(res, 503, { status: 503 });
    for (let i = 0; i < breaker.minRequests; i++) {
      await expect(users.verifyCredentials(credentials)).rejects.toMatchObject({ status: 502 });
    }
    await expect(users.verifyCredentials(credentials)).rejects.toMatchObject({
      extensions: { reason: 'circuit-open' },
    });

    expect(credentialsLane().breaker).toBe('open');
    expect(harness.resilience.state().breaker).toBe('closed');
    await expect(users.getUser('1')).resolves.toEqual(user);
  });

  it('keeps reading profiles while a flood of credential checks fills its own bulkhead', async () => {
    const held: ServerResponse[] = [];
    verify = (res) => held.push(res);
    const flood = Array.from({ length: 5 }, () =>
      users.verifyCredentials(credentials).catch((error: unknown) => error),
    );
    await new Promise((resolve) => setImmediate(resolve));
    expect(credentialsLane()).toMatchObject({ inFlight: 2, totals: { rejected: 3 } });

    await expect(users.getUser('1')).resolves.toEqual(user);
    expect(harness.resilience.state()).toMatchObject({ totals: { rejected: 0 } });

    while (held.length < 2) await new Promise((resolve) => setTimeout(resolve, 2));
    for (const res of held) json(res, 401, { status: 401 });
    await Promise.all(flood);
  });
});
