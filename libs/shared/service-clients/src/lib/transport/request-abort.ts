import { AxiosError, CanceledError, type AxiosResponse, type InternalAxiosRequestConfig } from 'axios';
import type { ExchangeFailure, InFlight } from './undici.transport';

/** The axios settings a call can be stopped by; the lean path passes the same three. */
export type AbortableConfig = Pick<InternalAxiosRequestConfig, 'timeout' | 'signal' | 'cancelToken'>;

/** Descriptor passed as `error.request`: enough to tell "no response" apart, nothing about the host. */
export interface SentRequest {
  readonly method: string;
  readonly path: string;
}

/**
 * Fires on the axios `timeout`, the caller's `signal` or cancel token, and aborts
 * the call in flight (closing its connection, so the downstream sees the caller
 * give up). It remembers why it fired, because the transport's rejection does not
 * say, and turns any failure into the `AxiosError` axios's own http adapter would
 * have thrown.
 */
export class RequestAbort {
  private readonly timer: NodeJS.Timeout | undefined;
  private why: 'timeout' | 'cancel' | undefined;
  private cancelReason: unknown;
  private readonly onSignal = () => this.fire('cancel');
  private readonly onCancelToken = (reason: unknown) => {
    this.cancelReason = reason;
    this.fire('cancel');
  };

  constructor(
    private readonly config: AbortableConfig,
    private readonly call: InFlight,
  ) {
    const timeout = config.timeout ?? 0;
    if (timeout > 0) this.timer = setTimeout(() => this.fire('timeout'), timeout);
    if (config.signal?.aborted) this.fire('cancel');
    config.signal?.addEventListener?.('abort', this.onSignal);
    config.cancelToken?.subscribe(this.onCancelToken);
  }

  /**
   * Turns whatever the call failed with into an `AxiosError`. `response` is the
   * answer's head when headers had arrived: from then on a failure is the
   * downstream's fault, not the network's.
   */
  explain(
    error: unknown,
    config: InternalAxiosRequestConfig,
    request: SentRequest,
    response: AxiosResponse | undefined,
  ): AxiosError {
    if (this.why === 'timeout') {
      return new AxiosError(
        config.timeoutErrorMessage ?? `timeout of ${config.timeout}ms exceeded`,
        config.transitional?.clarifyTimeoutError ? AxiosError.ETIMEDOUT : AxiosError.ECONNABORTED,
        config,
        request,
      );
    }
    if (this.why === 'cancel') {
      return this.cancelReason instanceof CanceledError
        ? this.cancelReason
        : new CanceledError(undefined, config, request);
    }
    if (isExchangeFailure(error)) return failureError(error, config, request, response);
    if (error instanceof AxiosError) {
      error.config ??= config;
      error.request ??= request;
      if (response) error.response ??= response;
      return error;
    }
    if (response) return AxiosError.from(error as Error, AxiosError.ERR_BAD_RESPONSE, config, request, response);
    return AxiosError.from(error as Error, undefined, config, request);
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.config.signal?.removeEventListener?.('abort', this.onSignal);
    this.config.cancelToken?.unsubscribe(this.onCancelToken);
  }

  private fire(why: 'timeout' | 'cancel'): void {
    if (this.why) return;
    this.why = why;
    this.call.abort(new Error(`request ${why}`));
  }
}

function isExchangeFailure(error: unknown): error is ExchangeFailure {
  return typeof error === 'object' && error !== null && !(error instanceof Error) && 'kind' in error;
}

function failureError(
  failure: ExchangeFailure,
  config: InternalAxiosRequestConfig,
  request: SentRequest,
  response: AxiosResponse | undefined,
): AxiosError {
  switch (failure.kind) {
    case 'too-large':
      return new AxiosError(`maxContentLength size of ${failure.limit} exceeded`, AxiosError.ERR_BAD_RESPONSE, config, request, response);
    case 'encoded':
      return new AxiosError(`Unsupported content-encoding "${failure.encoding}"`, AxiosError.ERR_BAD_RESPONSE, config, request, response);
    case 'closed':
      return new AxiosError('The transport is closed.', 'UND_ERR_CLOSED', config, request);
    case 'origin':
      return new AxiosError('Request origin is not allowed', AxiosError.ERR_BAD_REQUEST, config);
  }
}
