import { BffError } from '@bff/problem';
import { z } from 'zod';

const loginRequest = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email().max(254)),
  password: z.string().min(1).max(1_024),
});

export type LoginRequest = z.output<typeof loginRequest>;

/**
 * The `/auth/login` body, or a 400 that says what shape is expected (never which
 * value was wrong). Only `application/json` is accepted: an HTML form or a
 * `text/plain` fetch from another site can be sent without a CORS preflight, and
 * would let that site sign the browser in to an account of its choosing.
 */
export function parseLoginRequest(contentType: string | undefined, body: unknown): LoginRequest {
  if (!/^application\/json\s*(;|$)/i.test(contentType ?? '')) {
    throw new BffError('UNSUPPORTED_MEDIA_TYPE', 'Sign in with a JSON body (Content-Type: application/json).');
  }
  const parsed = loginRequest.safeParse(body);
  if (!parsed.success) throw new BffError('BAD_REQUEST', 'The body must be JSON: { "email": string, "password": string }.');
  return parsed.data;
}
