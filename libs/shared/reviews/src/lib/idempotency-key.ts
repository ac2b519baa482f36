import { operationIdSchema } from '@bff/downstream-contracts';
import { BffError } from '@bff/problem';
import { randomUUID } from 'node:crypto';

/** A Structured Fields string, as the IETF Idempotency-Key draft sends it: `"8e03978e-40d5"`. */
const QUOTED = /^"([^"\\]*)"$/;

/**
 * The operation id of a command: the client's `Idempotency-Key` when it sent one
 * (quoted, as the IETF draft has it, or bare), else a fresh UUID. A key that is not
 * 8–64 letters, digits, `-` or `_`, or a header sent twice, is a 400.
 *
 * @example
 * operationIdFrom('"k-4f1c2a9b"'); // 'k-4f1c2a9b'
 * operationIdFrom(undefined);      // '0b6f4c1e-…' (a new UUID)
 */
export function operationIdFrom(header: string | string[] | undefined): string {
  if (header === undefined) return randomUUID();
  const value = Array.isArray(header) ? undefined : (QUOTED.exec(header)?.[1] ?? header);
  if (value !== undefined && operationIdSchema.safeParse(value).success) return value;
  throw new BffError(
    'BAD_REQUEST',
    'The Idempotency-Key header must be one value of 8-64 letters, digits, "-" or "_".',
    {
      header: 'Idempotency-Key',
    },
  );
}
