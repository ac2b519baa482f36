/** Foreground colours per app, in `STACK_APPS` order, so each app keeps its colour across runs. */
const COLORS = [36, 35, 33, 32, 34, 91, 95];

const ANSI = /\x1b\[[0-9;]*m/g; // eslint-disable-line no-control-regex

/**
 * Returns a printer that writes each app's lines behind a fixed-width `name │` label,
 * so interleaved output of several apps stays attributable. Without colour, escape
 * codes are stripped so a log file stays plain text.
 *
 * @example
 * const print = createLinePrinter({ names: ['web-bff'], color: process.stdout.isTTY });
 * print('web-bff', 'web-bff listening on http://127.0.0.1:3000', 'stdout');
 */
export function createLinePrinter({ names, color, stdout = process.stdout, stderr = process.stderr }) {
  const width = Math.max(...names.map((name) => name.length));
  const labels = new Map(
    names.map((name, i) => {
      const label = `${name.padEnd(width)} │`;
      return [name, color ? `\x1b[${COLORS[i % COLORS.length]}m${label}\x1b[0m` : label];
    }),
  );
  return (name, line, stream) => {
    const text = color ? line : line.replace(ANSI, '');
    (stream === 'stderr' ? stderr : stdout).write(`${labels.get(name)} ${text}\n`);
  };
}
