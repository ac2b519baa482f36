import type { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { RATE_LIMIT_TIER, TierChoice } from './rate-limit.decorators';
import type { TierPolicy } from './tier-policy';

/**
 * Every `@RateLimitTier` on a controller or handler that names a tier the options
 * do not define, as `Controller.method -> "tier"`. A typo in a tier name would
 * otherwise surface as a 500 on the first request to that route.
 */
export function unknownTierReferences(
  discovery: DiscoveryService,
  scanner: MetadataScanner,
  reflector: Reflector,
  tiers: Readonly<Record<string, readonly TierPolicy[]>>,
): string[] {
  const unknown: string[] = [];
  const check = (target: object, where: string) => {
    const choices = reflector.get<TierChoice[] | undefined>(RATE_LIMIT_TIER, target as () => void) ?? [];
    for (const { tier } of choices) if (!Object.hasOwn(tiers, tier)) unknown.push(`${where} -> "${tier}"`);
  };
  for (const wrapper of discovery.getControllers()) {
    const { metatype, instance } = wrapper;
    if (typeof metatype !== 'function' || !instance) continue;
    check(metatype, metatype.name);
    const prototype = Object.getPrototypeOf(instance) as Record<string, unknown>;
    for (const method of scanner.getAllMethodNames(prototype)) {
      const handler = prototype[method];
      if (typeof handler === 'function') check(handler, `${metatype.name}.${method}`);
    }
  }
  return unknown;
}
