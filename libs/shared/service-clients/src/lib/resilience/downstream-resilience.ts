import { GatewayLoad } from '@bff/platform';
import { Inject, Injectable, Optional } from '@nestjs/common';
import {
  SERVICE_CLIENTS_OPTIONS,
  type DownstreamService,
  type ServiceClientsOptions,
} from '../service-clients.options';
import { ServiceResilience } from './service-resilience';

/**
 * One {@link ServiceResilience} per downstream service, created on first use, so
 * each service's client and the health report share the same breaker, bulkhead
 * and retry budget.
 *
 * @example
 * new DownstreamCaller(http, 'review', options.review, resilience.of('review'));
 */
@Injectable()
export class DownstreamResilience {
  private readonly services = new Map<DownstreamService, ServiceResilience>();

  constructor(
    @Inject(SERVICE_CLIENTS_OPTIONS) private readonly options: ServiceClientsOptions,
    /** The gateway's own load, when admission control runs: timeouts while it is congested are not the services' fault. */
    @Optional() private readonly load?: GatewayLoad,
  ) {}

  of(service: DownstreamService): ServiceResilience {
    let resilience = this.services.get(service);
    if (!resilience) {
      resilience = new ServiceResilience(this.options[service], Math.random, this.load ?? undefined);
      this.services.set(service, resilience);
    }
    return resilience;
  }
}
