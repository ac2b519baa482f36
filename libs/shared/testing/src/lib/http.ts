/** A response read once, with its body parsed when it is JSON, and how long it took. */
export interface TimedResponse<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
  elapsedMs: number;
}

/**
 * `fetch` that reads the whole body and measures the round trip, for assertions on
 * status, problem+json bodies and latency bounds.
 *
 * @example
 * const { status, body } = await request(`${bff.url}/product-details/1`);
 */
export async function request<T = unknown>(url: string, init?: RequestInit): Promise<TimedResponse<T>> {
  const started = performance.now();
  const response = await fetch(url, init);
  const text = await response.text();
  const contentType = response.headers.get('content-type') ?? '';
  const body = (/json/.test(contentType) && text ? JSON.parse(text) : text) as T;
  return { status: response.status, headers: response.headers, body, text, elapsedMs: performance.now() - started };
}
