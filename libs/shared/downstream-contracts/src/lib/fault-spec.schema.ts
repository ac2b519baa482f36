import { z } from 'zod';

/** Long enough for any timeout test, short enough that a typo cannot pin a request for hours. */
export const MAX_FAULT_LATENCY_MS = 120_000;

/**
 * How a demo service misbehaves, as `PUT /__admin/faults` accepts it: the contract
 * between the demo services (`@bff/demo-kit`, which validates with it) and the
 * tests that drive them (`DemoFaults` in `@bff/testing`). Unknown keys are
 * rejected so a misspelt knob fails loudly instead of silently doing nothing.
 *
 * @example
 * const spec = faultSpecSchema.parse({ status: 503, times: 2 });
 */
export const faultSpecSchema = z.strictObject({
  /** Delay before anything else happens. */
  latencyMs: z.number().int().min(0).max(MAX_FAULT_LATENCY_MS).optional(),
  /** Answer with this status and a problem+json body instead of calling the route. */
  status: z.number().int().min(400).max(599).optional(),
  /**
   * gRPC calls only: end the call with this status code (1–16, `OK` excluded) instead
   * of the one `status` maps to; HTTP requests ignore it.
   */
  grpcStatus: z.number().int().min(1).max(16).optional(),
  /** Never answer; ends when the client goes away or the service shuts down. */
  hang: z.boolean().optional(),
  /** Share of matching requests that fail; the others only get `latencyMs`. A bare rate fails with 500. */
  errorRate: z.number().min(0).max(1).optional(),
  /** Drop the connection (TCP reset) without answering. */
  reset: z.boolean().optional(),
  /** Answer 200 with a body that claims to be JSON and is not. */
  invalidBody: z.boolean().optional(),
  /** Only requests whose path starts with this. */
  path: z.string().startsWith('/').max(2_048).optional(),
  /** Only the next N matching requests; then the spec clears itself. */
  times: z.number().int().min(1).optional(),
});

/**
 * A demo service's fault knobs. When several failures are set, the first of
 * `reset`, `hang`, `status`, `invalidBody` wins; on a gRPC call `grpcStatus` stands
 * in for `status` and wins over it.
 *
 * @example
 * const spec: FaultSpec = { status: 503, path: '/reviews', times: 2 };
 */
export type FaultSpec = z.output<typeof faultSpecSchema>;
