import type { Metadata } from '@grpc/grpc-js';

/**
 * A gRPC call's metadata as request headers: lower-case keys (as gRPC already has
 * them), repeated values joined with `, ` as HTTP folds them, binary (`-bin`) values
 * in base64. The request log and the `x-fault-*` knobs then read gRPC calls as they
 * read HTTP requests.
 *
 * @example
 * metadataHeaders(call.metadata); // { 'x-request-id': 'abc', 'user-agent': 'grpc-node-js/1.14.7', ... }
 */
export function metadataHeaders(metadata: Metadata): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [key, values] of Object.entries(metadata.toJSON())) {
    headers[key.toLowerCase()] = values
      .map((value) => (typeof value === 'string' ? value : value.toString('base64')))
      .join(', ');
  }
  return headers;
}
