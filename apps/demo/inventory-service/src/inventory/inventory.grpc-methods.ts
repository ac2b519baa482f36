import type { GetStockRequest, Stock } from '@bff/downstream-contracts';
import type { GrpcUnaryMethod } from '@bff/demo-kit';
import { ResourceIdPipe } from '@bff/platform';
import type { InventoryService } from './inventory.service';

/** The service `inventory.v1.InventoryService` is registered and health-checked under. */
export const INVENTORY_GRPC_SERVICE = 'inventory.v1.InventoryService';

/** `GetStock`'s method path: what the request log records, and fault `path`s match. */
export const GET_STOCK_PATH = `/${INVENTORY_GRPC_SERVICE}/GetStock`;

const productIds = new ResourceIdPipe();

/**
 * `GetStock` on the same data and rules as `GET /inventory/:productId`: a malformed
 * id is `INVALID_ARGUMENT` (the HTTP route's 400), an unknown product `NOT_FOUND`.
 *
 * @example
 * GetStock: grpcFaults.unary(getStockMethod(inventory)),
 */
export function getStockMethod(inventory: InventoryService): GrpcUnaryMethod<GetStockRequest, Stock> {
  return {
    path: GET_STOCK_PATH,
    handle: ({ productId }) => inventory.get(productIds.transform(productId, { type: 'param', data: 'productId' })),
    // Well-formed and plausible, for another product: only a client that checks the id notices.
    garble: (stock) => ({ ...stock, productId: `${stock.productId}0` }),
  };
}
