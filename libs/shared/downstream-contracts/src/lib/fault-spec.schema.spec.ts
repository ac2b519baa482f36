import { MAX_FAULT_LATENCY_MS, faultSpecSchema } from './fault-spec.schema';

describe('faultSpecSchema', () => {
  it('accepts every knob', () => {
    const spec = {
      latencyMs: 300,
      status: 503,
      grpcStatus: 14,
      hang: false,
      errorRate: 0.5,
      reset: false,
      invalidBody: false,
      path: '/reviews',
      times: 2,
    };
    expect(faultSpecSchema.parse(spec)).toEqual(spec);
  });

  it.each([
    ['a misspelt knob', { latency: 300 }],
    ['a latency past the cap', { latencyMs: MAX_FAULT_LATENCY_MS + 1 }],
    ['a status that is no error', { status: 200 }],
    ['a rate above 1', { errorRate: 1.5 }],
    ['a relative path', { path: 'reviews' }],
    ['zero times', { times: 0 }],
    ['gRPC status OK, which is no error', { grpcStatus: 0 }],
    ['a gRPC status past UNAUTHENTICATED (16)', { grpcStatus: 17 }],
    ['a fractional gRPC status', { grpcStatus: 2.5 }],
  ])('rejects %s', (_label, spec) => {
    expect(faultSpecSchema.safeParse(spec).success).toBe(false);
  });

  it('accepts a gRPC status alone, for a fault only gRPC calls feel', () => {
    expect(faultSpecSchema.parse({ grpcStatus: 1 })).toEqual({ grpcStatus: 1 });
    expect(faultSpecSchema.parse({ grpcStatus: 16, path: '/inventory.v1' })).toEqual({ grpcStatus: 16, path: '/inventory.v1' });
  });
});
