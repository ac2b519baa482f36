import { Controller, Get, Param } from '@nestjs/common';
import type { Inventory } from '@bff/downstream-contracts';
import { ResourceIdPipe } from '@bff/platform';
import { InventoryService } from './inventory.service';

@Controller('inventory')
export class InventoryController {
  constructor(private readonly inventory: InventoryService) {}

  @Get(':productId')
  get(@Param('productId', ResourceIdPipe) productId: string): Inventory {
    return this.inventory.get(productId);
  }
}
