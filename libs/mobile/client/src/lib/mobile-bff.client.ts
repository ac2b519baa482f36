import type { Operation } from '@bff/contracts';
import type { MobileProductDetails, MobileProductDetailsV2, MobileUser } from '@bff/mobile-contracts';
import type { MobileBffPaths, MobileBffSchema } from '@bff/mobile-sdk';
import { EtagCache } from './etag.cache';
import { MobileBffProblem } from './mobile-bff.problem';
import type { MobileBffResponse, TransferredBytes } from './mobile-bff.response';

/**
 * What a phone app tells the client once, when it creates it.
 *
 * @example
 * const options: MobileBffClientOptions = {
 *   baseUrl: 'https://m.example.com',
 *   token: () => secureStore.get('accessToken'),
 *   maxRetryAfterSeconds: 2,
 * };
 */
export interface MobileBffClientOptions {
  /** The gateway's origin, e.g. `https://m.example.com`. */
  baseUrl: string;
  /** The current access token; called per request, so a refreshed token is used at once. */
  token?: () => Promise<string | undefined> | string | undefined;
  /** Defaults to the global `fetch` (Node 18+, React Native, browsers). */
  fetch?: typeof fetch;
  /**
   * The longest `Retry-After` of a `429` the client waits out (once) before retrying;
   * a longer one, a missing one or a second `429` throws the `RATE_LIMITED` problem, so
   * the app decides (a screen in the foreground may wait 2 s; a background sync passes
   * `0` and reschedules itself by `retryAfterSeconds`). Default 5.
   */
  maxRetryAfterSeconds?: number;
  /** How many answers the `If-None-Match` cache keeps. Default 100. */
  cacheEntries?: number;
}

/**
 * A review as the phone app writes it (`POST /products/{productId}/reviews`).
 *
 * @example
 * const draft: ReviewDraft = { rating: 5, title: 'Warm', body: 'Kept me warm all winter.' };
 */
export interface ReviewDraft {
  rating: 1 | 2 | 3 | 4 | 5;
  title: string;
  body: string;
}

interface Call {
  method: 'GET' | 'POST';
  path: string;
  body?: unknown;
  headers?: Record<string, string>;
  /** Only reads are revalidated; a command is never answered from the cache. */
  revalidate: boolean;
}

const DEFAULT_MAX_RETRY_AFTER_SECONDS = 5;

/**
 * The phone apps' typed client of the mobile BFF: every answer is typed by the mobile
 * contracts, with the bearer token, `If-None-Match`/`304` reuse, one bounded wait on a
 * `429`, and failures as a `MobileBffProblem`. Plain `fetch`, so it runs in React Native
 * and Node alike.
 *
 * @example
 * const client = new MobileBffClient({ baseUrl: 'https://m.example.com', token: () => session.accessToken() });
 * const { body: product, notModified } = await client.productDetailsV2('42');
 * if (product.rating.status === 'ok') showStars(product.rating.average);
 * else showRatingsLater();
 */
export class MobileBffClient {
  private readonly baseUrl: string;
  private readonly fetch: typeof fetch;
  private readonly cache: EtagCache;
  private readonly maxRetryAfterSeconds: number;

  constructor(private readonly options: MobileBffClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.fetch = options.fetch ?? ((input, init) => fetch(input, init));
    this.cache = new EtagCache(options.cacheEntries);
    this.maxRetryAfterSeconds = options.maxRetryAfterSeconds ?? DEFAULT_MAX_RETRY_AFTER_SECONDS;
  }

  /**
   * `GET /product-details/{productId}`: the product screen in version 1 of the API,
   * for app releases built on it. Version 1 is deprecated (its answers carry
   * `Deprecation` and `Sunset`); new releases call {@link productDetailsV2}.
   */
  productDetails(productId: string): Promise<MobileBffResponse<MobileProductDetails>> {
    return this.send({
      method: 'GET',
      path: pathOf('/product-details/{productId}', { productId }),
      revalidate: true,
    });
  }

  /**
   * `GET /v2/product-details/{productId}`: the product screen, its optional parts typed
   * as `Section`s, money as decimal strings and the recent reviews with ids and dates.
   *
   * @example
   * const { body } = await client.productDetailsV2('42');
   * priceLabel.text = `${body.price.amount} ${body.price.currency}`;
   */
  productDetailsV2(productId: string): Promise<MobileBffResponse<MobileProductDetailsV2>> {
    return this.send({
      method: 'GET',
      path: pathOf('/v2/product-details/{productId}', { productId }),
      revalidate: true,
    });
  }

  /** `GET /users/{userId}`: the signed-in user's profile. */
  user(userId: string): Promise<MobileBffResponse<MobileUser>> {
    return this.send({ method: 'GET', path: pathOf('/users/{userId}', { userId }), revalidate: true });
  }

  /**
   * `POST /products/{productId}/reviews`: a command, answered `202` with the pending
   * operation and its `Location`. Pass the same `idempotencyKey` when retrying after a
   * lost answer, and the gateway makes one review of both.
   */
  submitReview(
    productId: string,
    draft: ReviewDraft,
    options: { idempotencyKey?: string } = {},
  ): Promise<MobileBffResponse<Operation>> {
    return this.send({
      method: 'POST',
      path: pathOf('/products/{productId}/reviews', { productId }),
      body: draft satisfies MobileBffSchema<'ReviewDraft'>,
      headers: options.idempotencyKey === undefined ? {} : { 'idempotency-key': options.idempotencyKey },
      revalidate: false,
    });
  }

  /** `GET /operations/{id}`: the state of a command; poll until it is not `pending`. */
  operation(operationId: string): Promise<MobileBffResponse<Operation>> {
    return this.send({
      method: 'GET',
      path: pathOf('/operations/{id}', { id: operationId }),
      revalidate: false,
    });
  }

  /** Forgets every stored payload, e.g. on sign-out. */
  clearCache(): void {
    this.cache.clear();
  }

  private async send<T>(call: Call): Promise<MobileBffResponse<T>> {
    const url = `${this.baseUrl}${call.path}`;
    const token = await this.options.token?.();
    const cached = call.revalidate ? this.cache.get(url, token) : undefined;
    const headers: Record<string, string> = { accept: 'application/json', ...call.headers };
    if (token !== undefined) headers['authorization'] = `Bearer ${token}`;
    if (call.body !== undefined) headers['content-type'] = 'application/json';
    if (cached !== undefined) headers['if-none-match'] = cached.etag;
    const init: RequestInit = {
      method: call.method,
      headers,
      ...(call.body === undefined ? {} : { body: JSON.stringify(call.body) }),
    };

    const bytes: TransferredBytes = { body: 0, headers: 0 };
    let response = await this.exchange(url, init, bytes);
    if (response.status === 429) {
      const waitSeconds = retryAfterOf(response.headers);
      if (waitSeconds !== undefined && waitSeconds <= this.maxRetryAfterSeconds) {
        await new Promise((resolve) => setTimeout(resolve, waitSeconds * 1_000));
        response = await this.exchange(url, init, bytes);
      }
    }

    const degraded = degradedOf(response.headers);
    const etag = response.headers.get('etag') ?? undefined;
    if (response.status === 304 && cached !== undefined) {
      return {
        ...answer(response, cached.body as T, bytes, cached.etag),
        notModified: true,
        degraded: cached.degraded,
      };
    }
    if (response.status < 200 || response.status > 299) throw problemOf(response);

    const body = JSON.parse(response.text) as T;
    if (call.revalidate && etag !== undefined) this.cache.set(url, token, { etag, body, degraded });
    return { ...answer(response, body, bytes, etag), notModified: false, degraded };
  }

  /** One request and its whole answer, the bytes received added to `bytes`. */
  private async exchange(url: string, init: RequestInit, bytes: TransferredBytes): Promise<Answer> {
    let response: Response;
    let text: string;
    try {
      response = await this.fetch(url, init);
      text = await response.text();
    } catch (error) {
      throw new MobileBffProblem(
        0,
        'NETWORK',
        error instanceof Error ? error.message : String(error),
        undefined,
      );
    }
    bytes.body += wireBodyBytes(response.headers, text);
    bytes.headers += headerBytes(response);
    return { status: response.status, headers: response.headers, text };
  }
}

interface Answer {
  status: number;
  headers: Headers;
  text: string;
}

function answer<T>(response: Answer, body: T, bytes: TransferredBytes, etag: string | undefined) {
  return {
    body,
    status: response.status,
    etag,
    location: response.headers.get('location') ?? undefined,
    bytes,
  };
}

/** A route of the mobile BFF's OpenAPI document (`@bff/mobile-sdk`). */
type Route = keyof MobileBffPaths;

/** The path parameters the document names for a route, whichever method it is called with. */
type PathParameters<R extends Route> = NonNullable<
  MobileBffPaths[R]['get'] | MobileBffPaths[R]['post']
>['parameters']['path'];

/**
 * The path of a route the document describes, its parameters filled in: a route the
 * gateway does not serve, or a parameter it does not name, fails to compile. Ids go into
 * one path segment, escaped, so no id can reach another route.
 */
function pathOf<R extends Route>(route: R, parameters: PathParameters<R>): string {
  const values = parameters as Readonly<Record<string, string>>;
  return route.replace(/\{(\w+)\}/g, (_template, name: string) => encodeURIComponent(values[name] ?? ''));
}

function problemOf(response: Answer): MobileBffProblem {
  const retryAfter = retryAfterOf(response.headers);
  let body: Record<string, unknown> | undefined;
  try {
    const parsed: unknown = JSON.parse(response.text);
    if (
      typeof parsed === 'object' &&
      parsed !== null &&
      typeof (parsed as { code?: unknown }).code === 'string'
    ) {
      body = parsed as Record<string, unknown>;
    }
  } catch {
    // Not JSON: an answer from something in front of the gateway; described below.
  }
  if (body === undefined) {
    return new MobileBffProblem(
      response.status,
      'UNEXPECTED_RESPONSE',
      `HTTP ${response.status}`,
      retryAfter,
    );
  }
  const detail = typeof body['detail'] === 'string' ? body['detail'] : undefined;
  return new MobileBffProblem(response.status, body['code'] as string, detail, retryAfter, body);
}

/** `Retry-After` in seconds; the HTTP-date form is read too, as some proxies send it. */
function retryAfterOf(headers: Headers): number | undefined {
  const value = headers.get('retry-after');
  if (value === null) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value);
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - Date.now()) / 1_000));
}

function degradedOf(headers: Headers): string[] {
  const value = headers.get('x-bff-degraded');
  return value === null
    ? []
    : value
        .split(',')
        .map((part) => part.trim())
        .filter((part) => part.length > 0);
}

/** `fetch` hands over the decoded body; a compressed one crossed the wire at `Content-Length`. */
function wireBodyBytes(headers: Headers, text: string): number {
  const length = Number(headers.get('content-length'));
  if (headers.get('content-encoding') !== null && Number.isInteger(length) && length >= 0) return length;
  return new TextEncoder().encode(text).byteLength;
}

function headerBytes(response: Response): number {
  let total = `HTTP/1.1 ${response.status} ${response.statusText}\r\n\r\n`.length;
  response.headers.forEach((value, name) => {
    total += name.length + value.length + 4;
  });
  return total;
}
