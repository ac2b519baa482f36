/**
 * Response times of one measured window, kept per status code at full (sub-ms)
 * resolution: a low-load row compares medians a millisecond apart, and an overload row
 * needs successes and shed requests apart.
 *
 * @example
 * const sample = new LatencySample();
 * sample.record(200, 1.8);
 * sample.record(503, 0.4);
 * sample.ok(99); // 1.8
 * sample.status(503, 99); // 0.4
 */
export class LatencySample {
  /** @type {Map<number, number[]>} */
  #byStatus = new Map();

  record(status, ms) {
    let times = this.#byStatus.get(status);
    if (!times) this.#byStatus.set(status, (times = []));
    times.push(ms);
  }

  /** The p-th percentile over every response, in ms, or undefined with none. */
  all(p) {
    return percentile([...this.#byStatus.values()].flat(), p);
  }

  /** Over 2xx responses only. */
  ok(p) {
    return percentile(
      [...this.#byStatus].filter(([status]) => status >= 200 && status < 300).flatMap(([, times]) => times),
      p,
    );
  }

  /** Over responses with this status only. */
  status(status, p) {
    return percentile(this.#byStatus.get(status) ?? [], p);
  }
}

/** Nearest-rank percentile. */
function percentile(values, p) {
  if (values.length === 0) return undefined;
  const sorted = Float64Array.from(values).sort();
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)];
}
