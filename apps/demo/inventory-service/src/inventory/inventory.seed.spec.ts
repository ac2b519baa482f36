import { WAREHOUSES, generateInventory } from './inventory.seed';

describe('generateInventory', () => {
  const inventory = generateInventory();

  it('covers products "1" to "500", identically on every start', () => {
    expect(inventory.map((stock) => stock.productId)).toEqual(Array.from({ length: 500 }, (_, i) => String(i + 1)));
    expect(generateInventory()).toEqual(inventory);
  });

  it('spreads each product over three or four named warehouses, totalling their quantities', () => {
    const ids = WAREHOUSES.map((warehouse) => warehouse.warehouseId);
    for (const stock of inventory) {
      expect([3, 4]).toContain(stock.warehouses.length);
      for (const warehouse of stock.warehouses) {
        expect(ids).toContain(warehouse.warehouseId);
        expect(warehouse.name).not.toBe('');
        expect(Number.isInteger(warehouse.quantity) && warehouse.quantity >= 0).toBe(true);
      }
      expect(stock.totalQuantity).toBe(stock.warehouses.reduce((sum, warehouse) => sum + warehouse.quantity, 0));
      expect(new Date(stock.updatedAt).toISOString()).toBe(stock.updatedAt);
    }
  });

  it('has about one product in ten sold out everywhere', () => {
    const soldOut = inventory.filter((stock) => stock.totalQuantity === 0).length;
    expect(soldOut).toBeGreaterThan(25);
    expect(soldOut).toBeLessThan(80);
  });
});
