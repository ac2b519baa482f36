import { Injectable } from '@nestjs/common';
import type { FaultSpec } from '@bff/downstream-contracts';

/** The fault set through the admin API, shared by every request until replaced or used up. */
@Injectable()
export class FaultStore {
  private spec: FaultSpec | undefined;
  private remaining = Infinity;

  set(spec: FaultSpec): void {
    this.spec = spec;
    this.remaining = spec.times ?? Infinity;
  }

  clear(): void {
    this.spec = undefined;
  }

  /** The spec if it applies to this path, counting the request against `times`. */
  take(path: string): FaultSpec | undefined {
    const spec = this.spec;
    if (!spec || (spec.path !== undefined && !path.startsWith(spec.path))) return undefined;
    this.remaining -= 1;
    if (this.remaining <= 0) this.spec = undefined;
    return spec;
  }
}
