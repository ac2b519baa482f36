import { BffError } from '@bff/problem';
import { RequestContext } from '@bff/platform';
import { compose, optional, required } from './compose';

const after = <T>(ms: number, value: T) =>
  new Promise<T>((resolve) => setTimeout(() => resolve(value), ms));

/** A loader that never settles on its own but rejects when its signal aborts, like a downstream call. */
const hanging = (aborted: string[], name: string) => (signal: AbortSignal) =>
  new Promise<never>((_resolve, reject) =>
    signal.addEventListener('abort', () => {
      aborted.push(name);
      reject(new BffError('UPSTREAM_TIMEOUT'));
    }),
  );

const inContext = <T>(fn: () => Promise<T>) => {
  const context = new RequestContext({ requestId: 'r', clientIp: '127.0.0.1', traceparent: 't' });
  return RequestContext.run(context, fn).then((value) => ({ value, context }));
};

describe('compose', () => {
  it('loads parts in parallel: every part is asked for before any has answered', async () => {
    const events: string[] = [];
    const part = (name: string) => async () => {
      events.push(`start ${name}`);
      await after(20, undefined);
      events.push(`end ${name}`);
      return name;
    };

    const result = await compose(
      { a: required(part('a')), b: required(part('b')), c: optional(part('c')) },
      { budgetMs: 1_000 },
    );

    expect(result).toEqual({ a: 'a', b: 'b', c: 'c' });
    // So the route takes its slowest part, not the sum, however busy the machine.
    expect(events.slice(0, 3).sort()).toEqual(['start a', 'start b', 'start c']);
  });

  it('replaces a failed optional part with a typed marker and records it as degraded', async () => {
    const { value, context } = await inContext(() =>
      compose(
        {
          product: required(async () => ({ id: '1' })),
          reviews: optional(async () => Promise.reject(new BffError('UPSTREAM_TIMEOUT'))),
          stock: optional(async () => Promise.reject(new BffError('UPSTREAM_UNAVAILABLE'))),
          extra: optional(async () => Promise.reject(new Error('boom'))),
        },
        { budgetMs: 1_000 },
      ),
    );
    expect(value).toEqual({
      product: { id: '1' },
      reviews: { status: 'unavailable', reason: 'timeout' },
      stock: { status: 'unavailable', reason: 'unavailable' },
      extra: { status: 'unavailable', reason: 'error' },
    });
    expect(context.degradedParts).toEqual(['reviews', 'stock', 'extra']);
    expect(context.uncacheableReason).toBe('degraded: reviews');
  });

  it('fails fast with the first required error and aborts the parts still pending', async () => {
    const aborted: string[] = [];
    // The 60 s budget would end the hanging part too, long after the test's own timeout:
    // settling at all proves the fast path, however busy the machine.
    await expect(
      compose(
        {
          product: required(() => Promise.reject(new BffError('NOT_FOUND', 'No product 9.'))),
          reviews: optional(hanging(aborted, 'reviews')),
        },
        { budgetMs: 60_000 },
      ),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(aborted).toEqual(['reviews']);
  });

  it('aborts every pending part when the budget runs out', async () => {
    const aborted: string[] = [];
    const { value } = await inContext(() =>
      compose(
        { product: required(() => after(10, 'p')), reviews: optional(hanging(aborted, 'reviews')) },
        { budgetMs: 100 },
      ),
    );
    expect(value.reviews).toEqual({ status: 'unavailable', reason: 'timeout' });
    expect(aborted).toEqual(['reviews']);
  });

  it('passes a budget abort to loaders as a TimeoutError reason', async () => {
    let reason: unknown;
    await compose(
      {
        slow: optional(
          (signal) =>
            new Promise((_resolve, reject) =>
              signal.addEventListener('abort', () => {
                reason = signal.reason;
                reject(signal.reason);
              }),
            ),
        ),
      },
      { budgetMs: 20 },
    );
    expect(reason).toMatchObject({ name: 'TimeoutError' });
  });
});
