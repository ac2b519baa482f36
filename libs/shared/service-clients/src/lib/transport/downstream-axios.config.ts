import type { AxiosAdapter, AxiosRequestConfig } from 'axios';
import type { DownstreamOptions } from '../service-clients.options';

/** Request bodies the gateway sends (reviews, credentials) are small; anything bigger is a bug. */
const MAX_REQUEST_BYTES = 256 * 1_024;

/**
 * The axios instance settings of one downstream service. Redirects are never
 * followed (a 3xx is a bad response, not a hop to another host), absolute URLs
 * never replace the base URL, and a body that is not JSON fails instead of
 * arriving as a string.
 *
 * @example
 * const http = new HttpService(axios.create(downstreamAxiosConfig(options.product, transport.adapter)));
 */
export function downstreamAxiosConfig(options: DownstreamOptions, adapter: AxiosAdapter): AxiosRequestConfig {
  return {
    baseURL: options.baseUrl,
    timeout: options.timeoutMs,
    maxRedirects: 0,
    allowAbsoluteUrls: false,
    maxContentLength: options.maxResponseBytes,
    maxBodyLength: MAX_REQUEST_BYTES,
    responseType: 'json',
    transitional: { silentJSONParsing: false, forcedJSONParsing: true, clarifyTimeoutError: true },
    headers: { Accept: 'application/json' },
    adapter,
  };
}
