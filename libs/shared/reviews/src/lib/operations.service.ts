import { Inject, Injectable } from '@nestjs/common';
import type { Operation } from '@bff/contracts';
import { operationIdSchema } from '@bff/downstream-contracts';
import { BffError } from '@bff/problem';
import { toOperation } from './operation-record';
import { OPERATION_STORE, type OperationStore } from './operation.store';

/**
 * Reads operations for `GET /operations/:id`. Only the operation's author can read
 * it; anyone else gets exactly the 404 an unknown id gets, so ids cannot be probed.
 *
 * @example
 * const operation = await operations.find('k-4f1c2a9b', user.sub);
 */
@Injectable()
export class Operations {
  constructor(@Inject(OPERATION_STORE) private readonly store: OperationStore) {}

  async find(id: string, userId: string): Promise<Operation> {
    const record = operationIdSchema.safeParse(id).success ? await this.store.get(id) : undefined;
    if (record === undefined || record.authorId !== userId)
      throw new BffError('NOT_FOUND', 'No such operation.');
    return toOperation(record);
  }
}
