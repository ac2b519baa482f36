import { RequestContext } from './request-context';

describe('RequestContext.withoutIdentity', () => {
  const user = { sub: 'alice' as string | undefined };
  const context = new RequestContext({
    requestId: 'r-1',
    clientIp: '203.0.113.7',
    traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
    tracestate: 'vendor=1',
    acceptLanguage: 'de',
    get subject() {
      return user.sub;
    },
  });

  it('keeps the request, drops the caller', () => {
    const anonymous = context.withoutIdentity();

    expect(context.data.subject).toBe('alice');
    expect(anonymous.data).toEqual({
      requestId: 'r-1',
      clientIp: '203.0.113.7',
      traceparent: context.data.traceparent,
      tracestate: 'vendor=1',
      acceptLanguage: 'de',
    });
    expect('subject' in anonymous.data).toBe(false);
  });

  it('records what is marked on it on the request it came from, which answers the request', () => {
    const request = new RequestContext({ ...context.data });
    request.withoutIdentity().markDegraded('reviews');
    request.withoutIdentity().withoutIdentity().markUncacheable('ignored, already uncacheable');

    expect(request.degradedParts).toEqual(['reviews']);
    expect(request.uncacheableReason).toBe('degraded: reviews');
  });
});
