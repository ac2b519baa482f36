import { status } from '@grpc/grpc-js';
import { GRPC_STATUS_FOR_HTTP, grpcStatusForHttp } from './grpc-status-for-http';

describe('grpcStatusForHttp', () => {
  it.each([
    [400, status.INVALID_ARGUMENT],
    [401, status.UNAUTHENTICATED],
    [403, status.PERMISSION_DENIED],
    [404, status.NOT_FOUND],
    [409, status.ABORTED],
    [429, status.RESOURCE_EXHAUSTED],
    [499, status.CANCELLED],
    [500, status.INTERNAL],
    [501, status.UNIMPLEMENTED],
    [503, status.UNAVAILABLE],
    [504, status.DEADLINE_EXCEEDED],
  ])('maps HTTP %i to gRPC code %i', (httpStatus, code) => {
    expect(grpcStatusForHttp(httpStatus)).toBe(code);
  });

  it.each([402, 418, 422, 502, 505, 599])('maps unlisted HTTP %i to UNKNOWN', (httpStatus) => {
    expect(grpcStatusForHttp(httpStatus)).toBe(status.UNKNOWN);
  });

  it('never maps an error to OK', () => {
    expect(Object.values(GRPC_STATUS_FOR_HTTP)).not.toContain(status.OK);
  });
});
