import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { WORKSPACE_ROOT } from '../../scripts/lib/stack.mjs';

const tokens = new Map();

/**
 * A development bearer token for user 1, as `npm run token` mints it (the BFFs accept
 * it when started without auth variables). Minted once per client and run: signing is
 * not what the bench measures.
 *
 * @example
 * const headers = { authorization: `Bearer ${devToken('mobile')}` };
 */
export function devToken(client) {
  if (!tokens.has(client)) {
    const script = resolve(WORKSPACE_ROOT, 'tools/scripts/token.mjs');
    const token = execFileSync(process.execPath, [script, '--client', client, '--sub', '1', '--ttl', '1h'], {
      encoding: 'utf8',
    }).trim();
    tokens.set(client, token);
  }
  return tokens.get(client);
}
