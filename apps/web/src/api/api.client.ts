import type { Operation } from '@bff/contracts';
import type { ReviewDraft } from '@bff/downstream-contracts';
import type { ProblemDetails } from '@bff/problem';
import type { WebLogin, WebMe, WebProductDetails, WebReviewPage, WebUser } from '@bff/web-contracts';
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

type Fetch = (input: string, init?: RequestInit) => Promise<Response>;

const JSON_HEADERS = { 'content-type': 'application/json' } as const;

/**
 * The browser app's one way to the web BFF, on the same origin: the session is the
 * `__Host-` cookie the browser holds, so no credential is ever in reach of script;
 * writes carry the session's CSRF token. Every refusal becomes an {@link ApiError}
 * carrying the problem+json body and `Retry-After`.
 *
 * @example
 * const api = new ApiClient();
 * const { details, degraded } = await api.productPage('42');
 */
export class ApiClient {
  constructor(
    private readonly fetchFn: Fetch = (input, init) => fetch(input, init),
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  ) {}

  /**
   * A product page. `fresh` revalidates with the BFF instead of taking the browser's
   * cached copy (pages are cacheable for 30 s): after a write the BFF has dropped its
   * own copy, and the browser's must not stand in for it.
   */
  async productPage(productId: string, options: { fresh?: boolean } = {}): Promise<ProductPage> {
    const response = await this.send(`/product-details/${encodeURIComponent(productId)}`, options.fresh ? { cache: 'no-cache' } : {});
    const degraded = (response.headers.get('x-bff-degraded') ?? '')
      .split(',')
      .map((part) => part.trim())
      .filter((part) => part !== '');
    return { details: (await response.json()) as WebProductDetails, degraded };
  }

  async moreReviews(productId: string, cursor: string): Promise<WebReviewPage> {
    const query = new URLSearchParams({ cursor });
    return this.json<WebReviewPage>(`/products/${encodeURIComponent(productId)}/reviews?${query}`);
  }

  async signIn(email: string, password: string): Promise<WebLogin> {
    return this.json<WebLogin>('/auth/login', { method: 'POST', headers: JSON_HEADERS, body: JSON.stringify({ email, password }) });
  }

  /** Who the browser is signed in as, with the session's CSRF token; `null` when signed out. */
  async me(): Promise<WebMe | null> {
    try {
      return await this.json<WebMe>('/auth/me');
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) return null;
      throw error;
    }
  }

  async signOut(csrfToken: string): Promise<void> {
    await this.send('/auth/logout', { method: 'POST', headers: { 'x-csrf-token': csrfToken } });
  }

  async user(userId: string): Promise<WebUser> {
    return this.json<WebUser>(`/users/${encodeURIComponent(userId)}`);
  }

  /**
   * Posts a review; the answer (202) is the operation to follow. The idempotency
   * key makes a retry of the same submission answer the same operation.
   */
  async submitReview(productId: string, draft: ReviewDraft, csrfToken: string, idempotencyKey: string): Promise<Operation> {
    return this.json<Operation>(`/products/${encodeURIComponent(productId)}/reviews`, {
      method: 'POST',
      headers: { ...JSON_HEADERS, 'x-csrf-token': csrfToken, 'idempotency-key': idempotencyKey },
      body: JSON.stringify(draft),
    });
  }

  async operation(id: string): Promise<Operation> {
    return this.json<Operation>(`/operations/${encodeURIComponent(id)}`);
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

  private async json<T>(path: string, init?: RequestInit): Promise<T> {
    return (await (await this.send(path, init)).json()) as T;
  }

  private async send(path: string, init: RequestInit = {}): Promise<Response> {
    let response: Response;
    try {
      response = await this.fetchFn(path, { ...init, credentials: 'same-origin', headers: { accept: 'application/json', ...init.headers } });
    } catch {
      throw new ApiError(0, undefined, undefined);
    }
    if (response.ok) return response;
    throw new ApiError(response.status, await problemOf(response), retryAfterSeconds(response.headers.get('retry-after')));
  }
}

async function problemOf(response: Response): Promise<ProblemDetails | undefined> {
  if (!(response.headers.get('content-type') ?? '').startsWith('application/problem+json')) return undefined;
  try {
    return (await response.json()) as ProblemDetails;
  } catch {
    // A cut-off body still has its status: the message falls back to it.
    return undefined;
  }
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
