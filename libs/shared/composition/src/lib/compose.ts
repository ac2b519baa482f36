import { BffError } from '@bff/problem';
import { RequestContext } from '@bff/platform';
import type { Unavailable, UnavailableReason } from '@bff/contracts';

/** Loads one part; it must stop (and stop its downstream call) when `signal` aborts. */
export type PartLoader<T> = (signal: AbortSignal) => Promise<T>;

interface RequiredPart<T> {
  required: true;
  load: PartLoader<T>;
}

interface OptionalPart<T> {
  required: false;
  load: PartLoader<T>;
}

type Part = RequiredPart<unknown> | OptionalPart<unknown>;

/** What `compose` resolves to: required parts as loaded, optional ones possibly unavailable. */
export type Composed<P extends Record<string, Part>> = {
  [K in keyof P]: P[K] extends RequiredPart<infer T> ? T : P[K] extends OptionalPart<infer T> ? T | Unavailable : never;
};

/**
 * A part without which the response makes no sense; its failure fails the route
 * with the mapped 4xx/5xx.
 *
 * @example
 * required((signal) => products.getProduct(id, { signal }))
 */
export function required<T>(load: PartLoader<T>): RequiredPart<T> {
  return { required: true, load };
}

/**
 * A part the client can live without; its failure becomes an {@link Unavailable}
 * marker and is listed in `x-bff-degraded`.
 *
 * @example
 * optional((signal) => reviews.listReviews({ productId: id }, { signal }))
 */
export function optional<T>(load: PartLoader<T>): OptionalPart<T> {
  return { required: false, load };
}

/**
 * Loads every part in parallel, so the route takes as long as its slowest part,
 * never the sum. All parts share one budget: when it runs out every pending call
 * is aborted. The first failing required part aborts the others at once and its
 * error is thrown; failing optional parts are modelled as data.
 *
 * @example
 * const { product, reviews } = await compose(
 *   { product: required((s) => products.getProduct(id, { signal: s })),
 *     reviews: optional((s) => reviews.listReviews({ productId: id }, { signal: s })) },
 *   { budgetMs: 1500 },
 * );
 */
export async function compose<P extends Record<string, Part>>(
  parts: P,
  options: { budgetMs: number },
): Promise<Composed<P>> {
  const controller = new AbortController();
  const budget = setTimeout(
    () => controller.abort(new DOMException('The route budget was exceeded.', 'TimeoutError')),
    options.budgetMs,
  );
  try {
    const entries = await Promise.all(
      Object.entries(parts).map(async ([name, part]) => {
        try {
          return [name, await part.load(controller.signal)] as const;
        } catch (error) {
          if (part.required) throw error;
          RequestContext.current()?.markDegraded(name);
          return [name, unavailable(error)] as const;
        }
      }),
    );
    return Object.fromEntries(entries) as Composed<P>;
  } catch (error) {
    controller.abort(new DOMException('A required part failed.', 'AbortError'));
    throw error;
  } finally {
    clearTimeout(budget);
  }
}

function unavailable(error: unknown): Unavailable {
  return { status: 'unavailable', reason: reasonOf(error) };
}

function reasonOf(error: unknown): UnavailableReason {
  if (!(error instanceof BffError)) return 'error';
  switch (error.code) {
    case 'UPSTREAM_TIMEOUT':
      return 'timeout';
    case 'UPSTREAM_UNAVAILABLE':
      return 'unavailable';
    case 'NOT_FOUND':
      return 'not-found';
    default:
      return 'error';
  }
}
