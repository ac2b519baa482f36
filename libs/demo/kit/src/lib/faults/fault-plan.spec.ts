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
});
