/**
 * Renders rows as a plain-text table: the first column left-aligned, the others
 * right-aligned, as numbers read best.
 *
 * @example
 * console.log(formatTable(['route', 'req/s'], [['GET /users/1', '12,345']]));
 */
export function formatTable(header, rows) {
  const widths = header.map((_, i) => Math.max(...[header, ...rows].map((row) => String(row[i]).length)));
  const render = (row) =>
    row
      .map((cell, i) => (i === 0 ? String(cell).padEnd(widths[i]) : String(cell).padStart(widths[i])))
      .join('  ')
      .trimEnd();
  return [render(header), widths.map((width) => '─'.repeat(width)).join('  '), ...rows.map(render)].join(
    '\n',
  );
}
