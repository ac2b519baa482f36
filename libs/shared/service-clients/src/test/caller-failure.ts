import { BffError } from '@bff/problem';

/** The `BffError` a call rejected with; fails the test if it resolved or threw something else. */
export async function failure(promise: Promise<unknown>): Promise<BffError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(BffError);
  return error as BffError;
}

/** Fails the test if `value` mentions the stub's address, its port, or a stack trace. */
export function expectNoInternals(value: unknown, port: number): void {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  expect(text).not.toContain('127.0.0.1');
  expect(text).not.toContain(String(port));
  expect(text).not.toMatch(/stack|\/srv\//);
}
