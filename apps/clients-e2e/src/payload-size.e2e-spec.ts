import { AppProcess, DemoStack, TestAuth, request } from '@bff/testing';

// The mobile BFF exists to send a phone less; this suite holds it to that against the
// web BFF's answer for the same products, both built and running over the demo services.
describe('mobile-bff beside web-bff over the real demo services', () => {
  let stack: DemoStack;
  let bff: AppProcess;
  const auth = new TestAuth();

  beforeAll(async () => {
    stack = await DemoStack.start();
    bff = await AppProcess.start('mobile-bff', {
      ...stack.bffEnv(),
      ...auth.env(),
      PRODUCT_DETAILS_BUDGET_MS: '1200',
      RATE_LIMIT_DEFAULT: 'burst=1000/1s',
    });
  });

  afterAll(async () => {
    await bff?.stop();
    await stack?.stop();
  });

  describe('composition: GET /product-details/:productId', () => {
    it('is at least 60% smaller than the web page for the same products', async () => {
      const web = await AppProcess.start('web-bff', stack.bffEnv());
      try {
        for (const id of ['1', '2', '3', '42']) {
          const mobileBytes = Buffer.byteLength((await request(`${bff.url}/product-details/${id}`)).text);
          const webBytes = Buffer.byteLength((await request(`${web.url}/product-details/${id}`)).text);
          expect(mobileBytes).toBeLessThanOrEqual(webBytes * 0.4);
        }
      } finally {
        await web.stop();
      }
    });
  });
});
