import { AmqpConnections, ReadinessDependencies, settledWithin } from '@bff/platform';
import { Inject, Injectable, Optional, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import {
  SERVICE_CLIENTS_OPTIONS,
  type AmqpServiceOptions,
  type DownstreamService,
  type ServiceClientsOptions,
} from '../service-clients.options';
import { AmqpReplyChannel } from './amqp-reply-channel';

/**
 * The request/reply channels of the services reached over AMQP: one
 * {@link AmqpReplyChannel} per broker, shared by every such service (replies are
 * matched by correlation id, whoever sent the request), on the process's connection
 * to that broker (`AmqpConnections`), created on first use and closed when the app
 * shuts down, after the HTTP server has drained.
 *
 * The broker is registered as an optional readiness dependency, `amqp`: a gateway
 * whose broker is down still answers every page, with the parts it carries marked
 * unavailable, so taking it out of rotation would only turn a degraded page into none.
 *
 * @example
 * const reply = await transport.channelFor('shipping').request({ queue, body, timeoutMs: 300, headers });
 */
@Injectable()
export class AmqpRpcTransport implements OnModuleInit, OnApplicationShutdown {
  private readonly channels = new Map<string, AmqpReplyChannel>();

  constructor(
    @Inject(SERVICE_CLIENTS_OPTIONS) private readonly options: ServiceClientsOptions,
    private readonly connections: AmqpConnections,
    @Optional() private readonly readiness?: ReadinessDependencies,
  ) {}

  /** The AMQP options of a service reached over AMQP; throws for any other (a gateway bug). */
  amqpOf(service: DownstreamService): AmqpServiceOptions {
    const amqp = this.options[service].amqp;
    if (amqp === undefined) throw new Error(`The ${service} service is not reached over AMQP.`);
    return amqp;
  }

  channelFor(service: DownstreamService): AmqpReplyChannel {
    const { url } = this.amqpOf(service);
    let channel = this.channels.get(url);
    if (channel === undefined) {
      channel = new AmqpReplyChannel(this.connections.connection(url));
      this.channels.set(url, channel);
    }
    return channel;
  }

  /**
   * Opens the channels at start-up and waits at most 1 s for them to be set up, so
   * the first pages find the reply consumer in place (a gateway whose broker is down
   * still starts, and serves, without it).
   */
  async onModuleInit(): Promise<void> {
    const urls = new Set<string>();
    for (const [service, options] of Object.entries(this.options) as [
      DownstreamService,
      ServiceClientsOptions[DownstreamService],
    ][]) {
      if (options.amqp === undefined) continue;
      this.channelFor(service);
      urls.add(options.amqp.url);
    }
    for (const url of urls) {
      const name = urls.size === 1 ? 'amqp' : `amqp ${new URL(url).host}`;
      this.readiness?.register({ name, required: false, state: () => this.connections.state(url) });
    }
    await Promise.all(
      [...this.channels.values()].map((channel) => settledWithin(channel.waitUntilReady(), 1_000)),
    );
  }

  async onApplicationShutdown(): Promise<void> {
    const channels = [...this.channels.values()];
    this.channels.clear();
    await Promise.allSettled(channels.map((channel) => channel.close()));
  }
}
