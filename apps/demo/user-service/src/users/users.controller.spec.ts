import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { User } from '@bff/downstream-contracts';
import { startInProcessApp } from '@bff/testing';
import { AppModule } from '../app/app.module';

describe('user-service routes', () => {
  let app: NestFastifyApplication;

  beforeAll(async () => {
    process.env['PORT'] = '0';
    app = await startInProcessApp(AppModule);
    // Start-up hashes every demo account's password, which is slow on a busy machine.
  }, 30_000);

  afterAll(async () => {
    await app.close();
  });

  const get = (url: string, headers: Record<string, string> = {}) => app.inject({ method: 'GET', url, headers });
  const verify = (payload: unknown) =>
    app.inject({ method: 'POST', url: '/credentials/verify', payload: payload as object });

  describe('GET /users/:id', () => {
    it('returns the user', async () => {
      const response = await get('/users/1');
      expect(response.statusCode).toBe(200);
      expect(response.json<User>()).toMatchObject({
        id: '1',
        email: expect.stringMatching(/^[a-z]+\.[a-z]+1@example\.com$/),
        address: { line1: expect.any(String), city: expect.any(String), postalCode: expect.any(String), country: expect.any(String) },
      });
    });

    it.each(['0', '101', 'me'])('answers unknown user %j with a 404 problem', async (id) => {
      const response = await get(`/users/${id}`);
      expect(response.statusCode).toBe(404);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.json()).toMatchObject({ code: 'NOT_FOUND' });
    });

    it('answers a malformed id with a 400 problem', async () => {
      expect((await get('/users/..%2F1')).json()).toMatchObject({ status: 400, code: 'INVALID_ID' });
    });
  });

  describe('POST /credentials/verify', () => {
    let email: string;

    beforeAll(async () => {
      email = (await get('/users/37')).json<User>().email;
    });

    it('answers the demo password with the user id', async () => {
      const response = await verify({ email, password: 'demo-password' });
      expect(response.statusCode).toBe(200);
      expect(response.json()).toEqual({ userId: '37' });
    });

    it('ignores case and surrounding spaces in the email', async () => {
      expect((await verify({ email: `  ${email.toUpperCase()} `, password: 'demo-password' })).json()).toEqual({ userId: '37' });
    });

    it('answers a wrong password and an unknown email with the same 401 problem', async () => {
      const wrongPassword = await verify({ email, password: 'Demo-password' });
      const unknownEmail = await verify({ email: 'nobody@example.com', password: 'demo-password' });
      for (const response of [wrongPassword, unknownEmail]) {
        expect(response.statusCode).toBe(401);
        expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      }
      expect(unknownEmail.json()).toEqual(wrongPassword.json());
    });

    it('spends the same hashing work on an unknown email as on a known one', async () => {
      const cpuMillis = async (body: object) => {
        const before = process.cpuUsage();
        for (let i = 0; i < 10; i++) await verify(body);
        const { user, system } = process.cpuUsage(before);
        return (user + system) / 1_000;
      };
      const known = await cpuMillis({ email, password: 'wrong' });
      const unknown = await cpuMillis({ email: 'nobody@example.com', password: 'wrong' });
      expect(unknown).toBeGreaterThan(known * 0.5);
      expect(unknown).toBeLessThan(known * 2);
    });

    it.each([
      ['no password', { email: 'a@example.com' }],
      ['an empty email', { email: '', password: 'x' }],
      ['a password too long', { email: 'a@example.com', password: 'x'.repeat(1_025) }],
      ['a number as password', { email: 'a@example.com', password: 12345 }],
    ])('rejects %s with a 400 problem', async (_, body) => {
      const response = await verify(body);
      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({ code: 'BAD_REQUEST' });
    });
  });

  it('applies the fault knobs to its routes', async () => {
    expect((await get('/users/1', { 'x-fault-status': '500' })).statusCode).toBe(500);
    expect((await verify({ email: 'a@example.com', password: 'x' })).statusCode).not.toBe(500);
  });
});
