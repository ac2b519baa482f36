import { BffError } from '@bff/problem';
import { MemoryOperationStore } from './memory-operation.store';
import { Operations } from './operations.service';

describe('Operations', () => {
  const store = new MemoryOperationStore(60);
  const operations = new Operations(store);

  beforeAll(async () => {
    await store.claim({
      id: 'k-00000001',
      kind: 'review.submit',
      productId: '42',
      authorId: '7',
      fingerprint: 'f',
      status: 'pending',
    });
    await store.settle('k-00000001', { status: 'done', reviewId: 'r-1' });
  });

  it('shows the author their operation, without who wrote it or how it is matched', async () => {
    expect(await operations.find('k-00000001', '7')).toEqual({
      id: 'k-00000001',
      kind: 'review.submit',
      productId: '42',
      status: 'done',
      reviewId: 'r-1',
    });
  });

  it('answers anyone else exactly as it answers an id that does not exist', async () => {
    const notTheirs = await operations.find('k-00000001', '8').catch((error: unknown) => error);
    const unknown = await operations.find('k-99999999', '7').catch((error: unknown) => error);
    const malformed = await operations.find('x', '7').catch((error: unknown) => error);
    for (const error of [notTheirs, unknown, malformed]) {
      expect(error).toBeInstanceOf(BffError);
      expect(error).toMatchObject({ code: 'NOT_FOUND', detail: 'No such operation.', extensions: {} });
    }
  });
});
