/**
 * A successful answer of the gateway with what a phone app needs beside the payload:
 * whether it came from the app's own cache on a `304`, which optional parts are
 * degraded (`x-bff-degraded`), and how many bytes crossed the network.
 *
 * @example
 * const { body, notModified, degraded, bytes } = await client.productDetails('42');
 * if (degraded.includes('rating')) log('ratings hidden');
 */
export interface MobileBffResponse<T> {
  body: T;
  status: number;
  /** True when the gateway answered `304` and `body` is the payload stored from before. */
  notModified: boolean;
  /** The parts named in `x-bff-degraded`; each is an `Unavailable` marker in `body`. */
  degraded: readonly string[];
  etag: string | undefined;
  /** `Location` of a `202`: where the accepted command's operation is read. */
  location: string | undefined;
  /** Bytes received for this answer, over all attempts (a `429` waited out included). */
  bytes: TransferredBytes;
}

/**
 * Bytes received: `body` as sent on the wire (the compressed size when the gateway
 * compressed it), `headers` the status line and header fields as HTTP/1.1 text, a close
 * estimate since `fetch` does not expose the raw bytes.
 */
export interface TransferredBytes {
  body: number;
  headers: number;
}
