import { Module } from '@nestjs/common';
import { DemoFaultsModule } from '@bff/demo-kit';
import { InventoryController } from './inventory.controller';
import { InventoryGrpcServer } from './inventory.grpc-server';
import { InventoryService } from './inventory.service';

@Module({
  // For GrpcFaultInjection: the gRPC calls share the HTTP routes' fault knobs and counters.
  imports: [DemoFaultsModule],
  controllers: [InventoryController],
  providers: [InventoryService, InventoryGrpcServer],
})
export class InventoryModule {}
