import { Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { RedisConnections } from '@bff/platform';

/**
 * Up while the gateway's command connection to its configured Redis is ready. It
 * reads the connection's last known state rather than sending a `PING`: a probe
 * arrives every few seconds from every orchestrator and must not wait on Redis,
 * and the client notices a lost connection at once and reconnects every second.
 *
 * @example
 * await health.check([() => redis.check('redis', 'redis://127.0.0.1:6379')]);
 */
@Injectable()
export class RedisHealthIndicator {
  constructor(
    private readonly indicators: HealthIndicatorService,
    private readonly connections: RedisConnections,
  ) {}

  check(key: string, url: string) {
    const indicator = this.indicators.check(key);
    const state = this.connections.state(url);
    return state === 'up' ? indicator.up() : indicator.down({ state });
  }
}
