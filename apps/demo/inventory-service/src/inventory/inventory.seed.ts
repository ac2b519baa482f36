import type { Inventory, WarehouseStock } from '@bff/downstream-contracts';
import { Prng, demoProductIds } from '@bff/demo-kit';

export const WAREHOUSES: readonly Omit<WarehouseStock, 'quantity'>[] = [
  { warehouseId: 'us-east', name: 'Newark, NJ' },
  { warehouseId: 'us-central', name: 'Dallas, TX' },
  { warehouseId: 'us-west', name: 'Reno, NV' },
  { warehouseId: 'eu-west', name: 'Rotterdam, NL' },
];

/** About one product in ten is sold out everywhere, so "out of stock" paths get exercised. */
const SOLD_OUT_SHARE = 0.1;
const LAST_COUNTED_FROM = Date.UTC(2025, 5, 1);
const LAST_COUNTED_TO = Date.UTC(2025, 5, 30);

/** Stock of every demo product across three or four warehouses, identical on every start. */
export function generateInventory(seed = 'inventory'): Inventory[] {
  const random = new Prng(seed);
  return demoProductIds().map((productId) => {
    const soldOut = random.chance(SOLD_OUT_SHARE);
    const stocked = random.chance(0.5) ? WAREHOUSES : random.sample(WAREHOUSES, 3);
    const warehouses = stocked.map((warehouse) => ({
      ...warehouse,
      // Even stocked products are often missing from one warehouse.
      quantity: soldOut || random.chance(0.25) ? 0 : Math.round(1 + 249 * random.next() ** 2),
    }));
    const first = warehouses[0];
    if (!soldOut && first && warehouses.every((warehouse) => warehouse.quantity === 0)) first.quantity = random.int(1, 12);
    return {
      productId,
      warehouses,
      totalQuantity: warehouses.reduce((sum, warehouse) => sum + warehouse.quantity, 0),
      updatedAt: random.isoDate(LAST_COUNTED_FROM, LAST_COUNTED_TO),
    };
  });
}
