import { HttpService } from '@nestjs/axios';
import { DownstreamCaller } from '../lib/call/downstream-caller';
import { ProductClient } from '../lib/clients/product.client';
import { ReviewClient } from '../lib/clients/review.client';
import { ServiceResilience } from '../lib/resilience/service-resilience';
import { downstreamAxiosConfig } from '../lib/transport/downstream-axios.config';
import { leanAxios } from '../lib/transport/lean-axios';
import { UndiciAdapter } from '../lib/transport/undici.adapter';
import { downstreamOptions, type DownstreamOptionsOverrides } from './downstream-options';

export interface CallerHarness {
  caller: DownstreamCaller;
  resilience: ServiceResilience;
  products: ProductClient;
  reviews: ReviewClient;
  close: () => Promise<void>;
}

/**
 * A caller wired as the module wires it (axios on the undici transport, its own
 * resilience state), pointed at one stub, with clients for GET and POST calls.
 */
export function callerHarness(
  baseUrl: string,
  overrides: DownstreamOptionsOverrides = {},
  random?: () => number,
): CallerHarness {
  const options = downstreamOptions(baseUrl, overrides);
  const transport = new UndiciAdapter({ connections: options.maxConnections, origins: [baseUrl] });
  const http = new HttpService(leanAxios(downstreamAxiosConfig(options, transport.adapter), transport));
  const resilience = new ServiceResilience(options, random);
  const caller = new DownstreamCaller(http, 'product', options, resilience);
  return {
    caller,
    resilience,
    products: new ProductClient(caller),
    reviews: new ReviewClient(caller),
    close: () => transport.close(),
  };
}
