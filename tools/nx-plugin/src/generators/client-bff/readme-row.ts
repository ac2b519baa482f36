import type { Tree } from '@nx/devkit';

const README = 'README.md';
/** The project table's header row, in the README's "Architecture" section. */
const PROJECT_TABLE_HEADER = '| project | path | tags | what it is |';

/**
 * Adds the client's projects to the README's project table, after the other client
 * gateways' rows. Returns false when the table is not where it was, so the caller
 * can say what to add by hand. Running it twice changes nothing.
 *
 * @example
 * addReadmeRow(tree, { client: 'tv', app: 'tv-bff' });
 */
export function addReadmeRow(tree: Tree, names: { client: string; app: string }): boolean {
  const readme = tree.read(README, 'utf-8');
  if (readme === null) return false;

  const lines = readme.split('\n');
  const header = lines.indexOf(PROJECT_TABLE_HEADER);
  if (header === -1) return false;
  let end = header + 2;
  while (end < lines.length && lines[end]?.startsWith('|')) end++;
  const rows = lines.slice(header + 2, end);
  // Only the project table counts: other tables (the walkthrough's) may name the app too.
  if (rows.some((row) => row.startsWith(`| \`${names.app}\``))) return true;
  // After the last row that starts with a gateway (`| \`<client>-bff\`...`), else first in the table.
  let at = header + 2;
  rows.forEach((row, i) => {
    if (/^\| `[a-z0-9-]+-bff`(, `[^`]+`)* \|/.test(row)) at = header + 2 + i + 1;
  });
  const { client, app } = names;
  lines.splice(
    at,
    0,
    `| \`${app}\`, \`${app}-e2e\`, \`@bff/${client}-contracts\` | \`apps/${app}\`, \`apps/${app}-e2e\`, \`libs/${client}/contracts\` | \`scope:${client}\` \`type:app\`/\`type:e2e\`/\`type:contract\` | the ${client} team's gateway, its end-to-end suite and its response types (made by \`nx g @bff/nx-plugin:client-bff ${client}\`) |`,
  );
  tree.write(README, lines.join('\n'));
  return true;
}
