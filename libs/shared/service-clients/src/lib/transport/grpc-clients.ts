import { healthV1, inventoryV1, type HealthClient, type InventoryServiceClient } from '@bff/downstream-contracts';
import { credentials, type ChannelOptions, type Client } from '@grpc/grpc-js';
import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import {
  SERVICE_CLIENTS_OPTIONS,
  type DownstreamService,
  type ServiceClientsOptions,
} from '../service-clients.options';

/** The full gRPC service name of each service reached over gRPC, as its health checks name it. */
export const GRPC_SERVICE_NAMES: Readonly<Partial<Record<DownstreamService, string>>> = {
  inventory: 'inventory.v1.InventoryService',
};

/**
 * Channel settings of every gRPC client:
 *
 * - grpc-js's own retries off: retries are the resilience layer's, within the retry
 *   budget, or an outage would multiply the load on the service behind its back;
 * - channelz (grpc-js's per-call bookkeeping for its admin API) off: nothing reads it,
 *   and the breaker, bulkhead and health report already keep what an operator needs;
 * - reconnection backoff capped at 1 s (grpc-js waits up to 120 s by default), so the
 *   first call after a service comes back finds the channel reconnected, as the
 *   breaker's cooldown expects;
 * - a received message larger than the service's `maxResponseBytes` fails the call.
 */
function channelOptions(maxResponseBytes: number): ChannelOptions {
  return {
    'grpc.enable_retries': 0,
    'grpc.enable_channelz': 0,
    'grpc.initial_reconnect_backoff_ms': 100,
    'grpc.max_reconnect_backoff_ms': 1_000,
    'grpc.max_receive_message_length': maxResponseBytes,
  };
}

/**
 * The gRPC clients of the services reached over gRPC, one channel per service (one
 * HTTP/2 connection, multiplexing every call), created on first use from the
 * service's `grpcTarget` and closed when the app shuts down, after the HTTP server
 * has drained. The health client shares the service's channel, so a readiness probe
 * tests the very connection the calls use.
 *
 * @example
 * const stock = clients.inventory(); // InventoryServiceClient on INVENTORY_GRPC_URL
 */
@Injectable()
export class GrpcClients implements OnApplicationShutdown {
  private readonly clients = new Map<string, Client>();

  constructor(@Inject(SERVICE_CLIENTS_OPTIONS) private readonly options: ServiceClientsOptions) {}

  inventory(): InventoryServiceClient {
    return this.client('inventory', 'InventoryService', (target, options) => {
      const { InventoryService } = inventoryV1().inventory.v1;
      return new InventoryService(target, credentials.createInsecure(), options);
    });
  }

  /** The `grpc.health.v1.Health` client of a service reached over gRPC, on that service's channel. */
  health(service: DownstreamService): HealthClient {
    const channel = this.channelOf(service);
    return this.client(service, 'Health', (target, options) => {
      const { Health } = healthV1().grpc.health.v1;
      return new Health(target, credentials.createInsecure(), { ...options, channelOverride: channel });
    });
  }

  /** Whether the service is reached over gRPC (it has a `grpcTarget`). */
  speaksGrpc(service: DownstreamService): boolean {
    return this.options[service].grpcTarget !== undefined;
  }

  onApplicationShutdown(): void {
    for (const client of this.clients.values()) client.close();
    this.clients.clear();
  }

  private channelOf(service: DownstreamService) {
    if (service !== 'inventory') throw new Error(`The ${service} service is not reached over gRPC.`);
    return this.inventory().getChannel();
  }

  private client<C extends Client>(
    service: DownstreamService,
    name: string,
    create: (target: string, options: ChannelOptions) => C,
  ): C {
    const key = `${service}/${name}`;
    let client = this.clients.get(key) as C | undefined;
    if (client === undefined) {
      const { grpcTarget, maxResponseBytes } = this.options[service];
      if (grpcTarget === undefined) throw new Error(`The ${service} service has no gRPC target configured.`);
      client = create(grpcTarget, channelOptions(maxResponseBytes));
      this.clients.set(key, client);
    }
    return client;
  }
}
