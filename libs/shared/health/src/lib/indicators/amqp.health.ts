import { Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { AmqpConnections } from '@bff/platform';

/**
 * Down while the gateway's connection to RabbitMQ, once opened, is lost; a broker the
 * gateway never connected to (no AMQP part in use) is no reason to be unready.
 *
 * @example
 * await health.check([() => amqp.check('amqp', config.get('AMQP_URL'))]);
 */
@Injectable()
export class AmqpHealthIndicator {
  constructor(
    private readonly indicators: HealthIndicatorService,
    private readonly connections: AmqpConnections,
  ) {}

  check(key: string, url: string) {
    const indicator = this.indicators.check(key);
    const state = this.connections.state(url);
    return state === 'down' ? indicator.down({ state }) : indicator.up({ state });
  }
}
