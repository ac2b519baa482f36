/**
 * How numbers read in the bench's tables: thousands separated, latencies in ms with one
 * decimal below 100 ms, ratios with two decimals and a ×, a dash for anything unknown.
 *
 * @example
 * count(12345.6); // '12,346'
 * millis(1.234); // '1.2 ms'
 * times(3.456); // '3.46×'
 */
export function count(value) {
  return value === undefined ? '—' : Math.round(value).toLocaleString('en-US');
}

export function millis(value) {
  if (value === undefined) return '—';
  return value >= 100 ? `${Math.round(value)} ms` : `${value.toFixed(1)} ms`;
}

export function times(value) {
  return value === undefined || !Number.isFinite(value) ? '—' : `${value.toFixed(2)}×`;
}

export function megabytes(bytes) {
  return bytes === undefined ? '—' : `${(bytes / 2 ** 20).toFixed(0)} MB`;
}

export function micros(value) {
  return value === undefined ? '—' : `${Math.round(value)} µs`;
}

/** value / baseline, or undefined when either is missing. */
export function ratio(value, baseline) {
  return value > 0 && baseline > 0 ? value / baseline : undefined;
}
