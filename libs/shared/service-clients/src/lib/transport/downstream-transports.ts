import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import {
  SERVICE_CLIENTS_OPTIONS,
  type DownstreamService,
  type ServiceClientsOptions,
} from '../service-clients.options';
import { UndiciAdapter } from './undici.adapter';

/**
 * One {@link UndiciAdapter} per downstream service, so each service has its own
 * bounded pool (a slow one cannot take every connection) and may only reach the
 * origin of its configured base URL. Closes them all when the app shuts down, once
 * the HTTP server has drained: pools closed under requests still in flight would fail
 * their calls as `UPSTREAM_UNAVAILABLE` and count against the breakers.
 *
 * @example
 * axios.create({ ...downstreamAxiosConfig(options.review, transports.adapterFor('review').adapter) });
 */
@Injectable()
export class DownstreamTransports implements OnApplicationShutdown {
  private readonly adapters = new Map<DownstreamService, UndiciAdapter>();

  constructor(@Inject(SERVICE_CLIENTS_OPTIONS) private readonly options: ServiceClientsOptions) {}

  adapterFor(service: DownstreamService): UndiciAdapter {
    let adapter = this.adapters.get(service);
    if (!adapter) {
      const { baseUrl, maxConnections } = this.options[service];
      adapter = new UndiciAdapter({ connections: maxConnections, origins: [new URL(baseUrl).origin] });
      this.adapters.set(service, adapter);
    }
    return adapter;
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all([...this.adapters.values()].map((adapter) => adapter.close()));
  }
}
