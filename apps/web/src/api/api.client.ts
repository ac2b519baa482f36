import type { Operation } from '@bff/contracts';
import type { ReviewDraft } from '@bff/downstream-contracts';
import type { ProblemDetails } from '@bff/problem';
import type { WebLogin, WebMe, WebProductDetails, WebReviewPage, WebUser } from '@bff/web-contracts';
import { createWebBffClient, type WebBffClient } from '@bff/web-sdk';
import { ApiError } from './api.error';
import { retryAfterSeconds } from './retry-after';

/** A product page and the parts the BFF could not load (`x-bff-degraded`). */
export interface ProductPage {
  details: WebProductDetails;
  degraded: readonly string[];
}

/** How often and how long a submitted review is followed. */
export interface OperationPolling {
  intervalMs: number;
  timeoutMs: number;
}

export interface ApiClientOptions {
  /**
   * Where the BFF answers; unless told, paths stay relative to the page, so on its own
   * origin (a spec names one: Node has no page).
   */
  baseUrl?: string;
  /** Sends one request; the browser's `fetch` unless told. */
  fetch?: (request: Request) => Promise<Response>;
  /** Waits between polls of an operation. */
  sleep?: (ms: number) => Promise<void>;
}

/** What every answer of the typed client carries, whatever its route. */
interface BffResult<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/**
 * The browser app's one way to the web BFF, on the same origin: the session is the
 * `__Host-` cookie the browser holds, so no credential is ever in reach of script;
 * writes carry the session's CSRF token. Paths, parameters and bodies are typed by the
 * BFF's OpenAPI document (`@bff/web-sdk`), so a route the BFF does not serve fails to
 * compile. Answers are read as the contracts' types, which the document is generated
 * from and which say more than its schemas can (an operation has a `reviewId` once it is
 * `done`). Every refusal becomes an {@link ApiError} carrying the problem+json body and
 * `Retry-After`.
 *
 * @example
 * const api = new ApiClient();
 * const { details, degraded } = await api.productPage('42');
 */
export class ApiClient {
  private readonly bff: WebBffClient;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(options: ApiClientOptions = {}) {
    const send = options.fetch ?? ((request: Request) => fetch(request));
    this.bff = createWebBffClient({
      baseUrl: options.baseUrl ?? '',
      credentials: 'same-origin',
      headers: { accept: 'application/json' },
      fetch: async (request) => {
        try {
          return await send(request);
        } catch {
          // No answer at all (offline, connection refused): status 0, so the page says so.
          throw new ApiError(0, undefined, undefined);
        }
      },
    });
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  /**
   * A product page. `fresh` revalidates with the BFF instead of taking the browser's
   * cached copy (pages are cacheable for 30 s): after a write the BFF has dropped its
   * own copy, and the browser's must not stand in for it.
   */
  async productPage(productId: string, options: { fresh?: boolean } = {}): Promise<ProductPage> {
    const { data, response } = await answered(
      this.bff.GET('/product-details/{productId}', {
        params: { path: { productId } },
        ...(options.fresh ? { cache: 'no-cache' } : {}),
      }),
    );
    const degraded = (response.headers.get('x-bff-degraded') ?? '')
      .split(',')
      .map((part) => part.trim())
      .filter((part) => part !== '');
    return { details: data as WebProductDetails, degraded };
  }

  async moreReviews(productId: string, cursor: string): Promise<WebReviewPage> {
    const { data } = await answered(
      this.bff.GET('/products/{productId}/reviews', { params: { path: { productId }, query: { cursor } } }),
    );
    return data as WebReviewPage;
  }

  async signIn(email: string, password: string): Promise<WebLogin> {
    const { data } = await answered(this.bff.POST('/auth/login', { body: { email, password } }));
    return data as WebLogin;
  }

  /** Who the browser is signed in as, with the session's CSRF token; `null` when signed out. */
  async me(): Promise<WebMe | null> {
    try {
      const { data } = await answered(this.bff.GET('/auth/me'));
      return data as WebMe;
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) return null;
      throw error;
    }
  }

  async signOut(csrfToken: string): Promise<void> {
    await answered(this.bff.POST('/auth/logout', { headers: { 'x-csrf-token': csrfToken } }));
  }

  async user(userId: string): Promise<WebUser> {
    const { data } = await answered(this.bff.GET('/users/{userId}', { params: { path: { userId } } }));
    return data as WebUser;
  }

  /**
   * Posts a review; the answer (202) is the operation to follow. The idempotency
   * key makes a retry of the same submission answer the same operation.
   */
  async submitReview(productId: string, draft: ReviewDraft, csrfToken: string, idempotencyKey: string): Promise<Operation> {
    const { data } = await answered(
      this.bff.POST('/products/{productId}/reviews', {
        params: { path: { productId }, header: { 'Idempotency-Key': idempotencyKey } },
        headers: { 'x-csrf-token': csrfToken },
        body: draft,
      }),
    );
    return data as Operation;
  }

  async operation(id: string): Promise<Operation> {
    const { data } = await answered(this.bff.GET('/operations/{id}', { params: { path: { id } } }));
    return data as Operation;
  }

  /** Follows an operation until it is `done` or `failed`; still pending after `timeoutMs` fails. */
  async settled(operation: Operation, polling: OperationPolling): Promise<Operation> {
    const deadline = Date.now() + polling.timeoutMs;
    let current = operation;
    while (current.status === 'pending') {
      if (Date.now() >= deadline) throw new Error('The review is taking longer than usual to be published.');
      await this.sleep(polling.intervalMs);
      current = await this.operation(operation.id);
    }
    return current;
  }
}

/** A success answer as it came; any other becomes an {@link ApiError} with its problem and `Retry-After`. */
async function answered<T>(call: Promise<BffResult<T>>): Promise<BffResult<T>> {
  const result = await call;
  const { error, response } = result;
  if (response.ok) return result;
  const retryAfter = retryAfterSeconds(response.headers.get('retry-after'));
  throw new ApiError(response.status, problemOf(response, error), retryAfter);
}

/**
 * The refusal's body as a problem, when the BFF said it is one; a cut-off body stays
 * text, and the message falls back to the status.
 */
function problemOf(response: Response, body: unknown): ProblemDetails | undefined {
  if (!(response.headers.get('content-type') ?? '').startsWith('application/problem+json')) return undefined;
  return typeof body === 'object' && body !== null ? (body as ProblemDetails) : undefined;
}

/**
 * A fresh `Idempotency-Key` for one submission (letters, digits and `-`, as the BFF
 * requires): made once per submitted form, reused if that same submission is retried.
 *
 * @example
 * const key = newIdempotencyKey(); // 'review-1b4e28ba-2fa1-11d2-883f-0016d3cca427'
 */
export function newIdempotencyKey(): string {
  return `review-${crypto.randomUUID()}`;
}
