/**
 * The workspace runs on the Node.js it installs itself (the `node` devDependency puts
 * Node 24 first on the PATH of every npm script). A tool started with the machine's
 * older Node would build, test or benchmark on a runtime production never uses, so
 * each tool refuses to run on anything older and says how to get the right one.
 *
 * @example
 * import { requireProjectNode } from './lib/require-node.mjs';
 * requireProjectNode();
 */
export const REQUIRED_NODE_MAJOR = 24;

export function requireProjectNode(version = process.versions.node) {
  const major = Number(version.split('.')[0]);
  if (major >= REQUIRED_NODE_MAJOR) return;
  process.stderr.write(
    `✖ Node.js ${REQUIRED_NODE_MAJOR} or later is required, this is ${version}.\n` +
      `  Run the tools through npm (npm start, npm test, npm run bench) after npm ci: the\n` +
      `  project's own Node ${REQUIRED_NODE_MAJOR} (the "node" devDependency) is then first on the PATH.\n`,
  );
  process.exit(1);
}
