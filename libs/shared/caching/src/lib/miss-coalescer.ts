import { Injectable } from '@nestjs/common';

/** The shared result of one handler call, and whether the caller is the one making it. */
export interface Flight<T> {
  leader: boolean;
  result: Promise<T>;
}

/**
 * One handler call per cache key at a time in this process: the first miss runs
 * it, every concurrent miss on the key waits for that result. (Across replicas,
 * misses are not coalesced; only background refreshes are, by a Redis lease.)
 */
@Injectable()
export class MissCoalescer {
  private readonly flights = new Map<string, Promise<unknown>>();

  join<T>(key: string, start: () => Promise<T>): Flight<T> {
    const current = this.flights.get(key);
    if (current !== undefined) return { leader: false, result: current as Promise<T> };
    const result = start().finally(() => this.flights.delete(key));
    this.flights.set(key, result);
    return { leader: true, result };
  }

  inFlight(key: string): boolean {
    return this.flights.has(key);
  }
}
