import { createClient } from '@redis/client';

/**
 * How long a near-cache copy may live without Redis invalidating it: a safety net,
 * since Redis pushes an invalidation for every change.
 */
const NEAR_CACHE_TTL_MS = 300_000;

/** Entries the command connection keeps client-side (least recently used dropped first). */
export const NEAR_CACHE_MAX_ENTRIES = 10_000;

/**
 * What every connection shares, whoever uses it. A request must never wait for
 * Redis to come back, so commands fail at once while a connection is down instead
 * of queueing; reconnection retries forever with a capped backoff. How long a
 * command may take, and what a failure means, is each consumer's own decision.
 */
function connectionPolicy() {
  return {
    disableOfflineQueue: true,
    socket: {
      connectTimeout: 1_000,
      reconnectStrategy: (retries: number) => Math.min(50 * 2 ** retries, 1_000),
    },
  };
}

/**
 * The command connection: RESP3, so Redis can push invalidations of the values
 * cached client-side (`CLIENT TRACKING`) on this very connection. Only the typed
 * read commands (`get`, `mGet`...) go through that near cache; `sendCommand` and
 * scripts always reach Redis.
 */
export function createCommandConnection(url: string) {
  return createClient({
    url,
    RESP: 3,
    clientSideCache: { maxEntries: NEAR_CACHE_MAX_ENTRIES, ttl: NEAR_CACHE_TTL_MS, evictPolicy: 'LRU' },
    ...connectionPolicy(),
  });
}

/** The subscriber connection: a connection in subscribe mode can send nothing else. */
export function createSubscriberConnection(url: string) {
  return createClient({ url, ...connectionPolicy() });
}

/** The shared command connection to one Redis (node-redis, RESP3, with a near cache). */
export type RedisCommandConnection = ReturnType<typeof createCommandConnection>;

/** The shared subscriber connection to one Redis. */
export type RedisSubscriberConnection = ReturnType<typeof createSubscriberConnection>;
