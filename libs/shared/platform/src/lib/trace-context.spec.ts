import { childTraceContext } from './trace-context';

const incoming = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';

describe('childTraceContext', () => {
  it('continues a valid trace with a new span id for the gateway hop', () => {
    const { traceparent, tracestate } = childTraceContext(incoming, 'vendor=abc');
    expect(traceparent).toMatch(/^00-4bf92f3577b34da6a3ce929d0e0e4736-[0-9a-f]{16}-01$/);
    expect(traceparent).not.toBe(incoming);
    expect(tracestate).toBe('vendor=abc');
  });

  it.each([
    ['missing', undefined],
    ['malformed', 'garbage'],
    ['an all-zero trace id', '00-00000000000000000000000000000000-00f067aa0ba902b7-01'],
    ['an all-zero parent id', '00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01'],
    ['upper-case hex', incoming.toUpperCase()],
  ])('starts a new trace when the incoming one is %s, dropping its tracestate', (_label, header) => {
    const { traceparent, tracestate } = childTraceContext(header, 'vendor=abc');
    expect(traceparent).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
    expect(traceparent.slice(3, 35)).not.toBe('4bf92f3577b34da6a3ce929d0e0e4736');
    expect(tracestate).toBeUndefined();
  });

  it('never repeats a span id, across refills of the random pool', () => {
    // 1,000 calls draw 8 KB from a 4 KiB pool: at least one refill happens in between.
    const spans = new Set(Array.from({ length: 1_000 }, () => childTraceContext(incoming, undefined).traceparent.slice(36, 52)));
    expect(spans.size).toBe(1_000);
  });
});
