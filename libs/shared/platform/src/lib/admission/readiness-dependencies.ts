import { Injectable } from '@nestjs/common';

/**
 * What readiness knows of a dependency: its last observed state, never a fresh probe
 * (readiness is asked every few seconds by every balancer and must not wait on I/O).
 *
 * @example
 * const state: DependencyState = 'up';
 */
export type DependencyState = 'up' | 'down' | 'unknown';

/**
 * A dependency readiness reports, registered by whoever watches it (the gRPC clients
 * register each service's health-protocol watcher).
 *
 * @example
 * dependencies.register({ name: 'inventory', required: false, state: () => watcher.state });
 */
export interface ReadinessDependency {
  /** Its name in the report, e.g. `inventory`. */
  readonly name: string;
  /**
   * Whether the gateway is of no use without it. A required dependency that is down
   * makes `/ready` answer 503 so balancers stop sending traffic; an optional one (a
   * part a page can do without) is only reported: failing readiness for it would take
   * every replica out of rotation for a part the pages mark as unavailable anyway.
   */
  readonly required: boolean;
  state(): DependencyState;
}

/**
 * The dependencies `GET /ready` reports, each with its last known state.
 *
 * @example
 * const { states, failing } = dependencies.snapshot(); // { states: { inventory: 'up' }, failing: [] }
 */
@Injectable()
export class ReadinessDependencies {
  private readonly registered = new Map<string, ReadinessDependency>();

  register(dependency: ReadinessDependency): void {
    if (this.registered.has(dependency.name)) {
      throw new Error(`A readiness dependency named "${dependency.name}" is already registered.`);
    }
    this.registered.set(dependency.name, dependency);
  }

  /** Every dependency's state by name, and the required ones that are not up. */
  snapshot(): { states: Record<string, DependencyState>; failing: string[] } {
    const states: Record<string, DependencyState> = {};
    const failing: string[] = [];
    for (const dependency of this.registered.values()) {
      const state = dependency.state();
      states[dependency.name] = state;
      if (dependency.required && state !== 'up') failing.push(dependency.name);
    }
    return { states, failing };
  }
}
