import { planFault } from './fault-plan';

const never = () => 0.99;
const always = () => 0;

describe('planFault', () => {
  it('passes with latency only', () => {
    expect(planFault({ latencyMs: 100 }, never)).toEqual({ latencyMs: 100, action: { kind: 'pass' } });
  });

  it('ranks failures reset, hang, status, invalid body', () => {
    expect(planFault({ reset: true, hang: true, status: 503 }, never).action).toEqual({ kind: 'reset' });
    expect(planFault({ hang: true, status: 503, invalidBody: true }, never).action).toEqual({ kind: 'hang' });
    expect(planFault({ status: 503, invalidBody: true }, never).action).toEqual({ kind: 'status', status: 503 });
    expect(planFault({ invalidBody: true }, never).action).toEqual({ kind: 'invalid-body' });
  });

  it('fails a request when the roll is under the error rate, with 500 unless a status is set', () => {
    expect(planFault({ errorRate: 0.5 }, always).action).toEqual({ kind: 'status', status: 500 });
    expect(planFault({ errorRate: 0.5, status: 502 }, always).action).toEqual({ kind: 'status', status: 502 });
    expect(planFault({ errorRate: 0.5, reset: true }, always).action).toEqual({ kind: 'reset' });
    expect(planFault({ errorRate: 0.5, status: 502, latencyMs: 10 }, never)).toEqual({
      latencyMs: 10,
      action: { kind: 'pass' },
    });
  });

  it('never fails at rate 0 and always at rate 1', () => {
    expect(planFault({ errorRate: 0 }, always).action.kind).toBe('pass');
    expect(planFault({ errorRate: 1 }, () => 0.999_999).action.kind).toBe('status');
  });

  it('leaves grpcStatus to gRPC calls: HTTP ignores it, gRPC prefers it to status', () => {
    expect(planFault({ grpcStatus: 14 }, never).action).toEqual({ kind: 'pass' });
    expect(planFault({ grpcStatus: 14, status: 502 }, never).action).toEqual({ kind: 'status', status: 502 });
    expect(planFault({ grpcStatus: 14 }, never, 'grpc').action).toEqual({ kind: 'grpc-status', code: 14 });
    expect(planFault({ grpcStatus: 14, status: 502 }, never, 'grpc').action).toEqual({ kind: 'grpc-status', code: 14 });
    expect(planFault({ grpcStatus: 14, hang: true }, never, 'grpc').action).toEqual({ kind: 'hang' });
    expect(planFault({ status: 502 }, never, 'grpc').action).toEqual({ kind: 'status', status: 502 });
  });

  it('rolls the error rate for gRPC calls too, failing with the gRPC status when set', () => {
    expect(planFault({ errorRate: 0.5, grpcStatus: 8 }, always, 'grpc').action).toEqual({ kind: 'grpc-status', code: 8 });
    expect(planFault({ errorRate: 0.5 }, always, 'grpc').action).toEqual({ kind: 'status', status: 500 });
    expect(planFault({ errorRate: 0.5, grpcStatus: 8 }, never, 'grpc').action).toEqual({ kind: 'pass' });
  });
});
