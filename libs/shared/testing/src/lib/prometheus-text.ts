/**
 * The series of a Prometheus text exposition: each sample line's name and labels,
 * without its value, sorted, so two expositions with the same series compare equal.
 *
 * @example
 * const before = prometheusSeries(await (await fetch(metricsUrl)).text());
 */
export function prometheusSeries(exposition: string): string[] {
  return exposition
    .split('\n')
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => line.slice(0, line.lastIndexOf(' ')))
    .sort();
}

/**
 * The value of one sample, named by its name and labels exactly as exposed; `undefined`
 * when the exposition has no such series.
 *
 * @example
 * prometheusSample(text, 'bff_rate_limit_decisions_total{tier="default",decision="limited"}'); // 3
 */
export function prometheusSample(exposition: string, series: string): number | undefined {
  const line = exposition.split('\n').find((candidate) => candidate.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}
