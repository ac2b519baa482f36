import { BffError } from '@bff/problem';
import { faultSpecFromHeaders } from './fault-headers';

describe('faultSpecFromHeaders', () => {
  it('is undefined without fault headers', () => {
    expect(faultSpecFromHeaders({ accept: 'application/json' })).toBeUndefined();
  });

  it('reads every knob', () => {
    expect(
      faultSpecFromHeaders({
        'x-fault-latency-ms': '250',
        'x-fault-status': '503',
        'x-fault-grpc-status': '14',
        'x-fault-hang': 'false',
        'x-fault-error-rate': '0.25',
        'x-fault-reset': '0',
        'x-fault-invalid-body': 'TRUE',
      }),
    ).toEqual({ latencyMs: 250, status: 503, grpcStatus: 14, hang: false, errorRate: 0.25, reset: false, invalidBody: true });
  });

  it.each([
    ['x-fault-status', '200'],
    ['x-fault-status', 'abc'],
    ['x-fault-grpc-status', '0'],
    ['x-fault-grpc-status', '17'],
    ['x-fault-latency-ms', '-5'],
    ['x-fault-latency-ms', '999999999'],
    ['x-fault-error-rate', '1.5'],
    ['x-fault-hang', 'yes'],
    ['x-fault-reset', ''],
  ])('rejects %s: %j as a 400 naming the header', (header, value) => {
    expect(() => faultSpecFromHeaders({ [header]: value })).toThrow(
      expect.objectContaining({ code: 'BAD_REQUEST', extensions: { header } }) as BffError,
    );
  });

  it('rejects a repeated header', () => {
    expect(() => faultSpecFromHeaders({ 'x-fault-status': ['500', '503'] as unknown as string })).toThrow(BffError);
  });
});
