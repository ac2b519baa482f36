import nx from '@nx/eslint-plugin';

/**
 * Module boundaries on two axes; each rule forbids something a project could otherwise do.
 *
 * Scope keeps each client's team in its own lane: web and mobile never import each
 * other, shared code imports neither, and demo services (stand-ins for the real
 * downstreams) import no gateway code: no feature (global guards, interceptors,
 * cache hooks) and no data-access (downstream clients).
 *
 * Type keeps the layers acyclic, from the bottom up: a contract (a shape on the wire)
 * imports only contracts, and no npm package but zod and, for the gRPC contracts
 * (types generated from the protos, and their descriptors loaded into a typed
 * package), grpc-js and its proto loader; a util imports utils and
 * contracts; data-access adds nothing above utils; a feature may build on features,
 * data-access and utils; an app takes any lib its scope allows; an e2e suite drives
 * the apps from outside, so it imports only the test harness, contracts and the SDKs
 * the client apps use; an SDK (the typed client a phone or browser app calls the
 * gateway with, or the types generated from a gateway's OpenAPI document) runs on the
 * device, so it imports contracts and other SDKs only (the harness in its specs); of
 * the rest, only apps (the browser app) may import it, never a feature or server lib.
 * `type:testing` (the harness) may be imported by any lib but a contract, for its specs.
 */
export const depConstraints = [
  { sourceTag: 'scope:web', onlyDependOnLibsWithTags: ['scope:web', 'scope:shared'] },
  { sourceTag: 'scope:mobile', onlyDependOnLibsWithTags: ['scope:mobile', 'scope:shared'] },
  { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
  { sourceTag: 'scope:demo', onlyDependOnLibsWithTags: ['scope:demo', 'scope:shared'] },
  { sourceTag: 'scope:demo', notDependOnLibsWithTags: ['type:feature', 'type:data-access'] },
  {
    sourceTag: 'type:app',
    onlyDependOnLibsWithTags: [
      'type:feature',
      'type:data-access',
      'type:util',
      'type:contract',
      'type:testing',
      'type:sdk',
    ],
  },
  { sourceTag: 'type:e2e', onlyDependOnLibsWithTags: ['type:testing', 'type:contract', 'type:sdk'] },
  { sourceTag: 'type:sdk', onlyDependOnLibsWithTags: ['type:contract', 'type:testing', 'type:sdk'] },
  {
    sourceTag: 'type:feature',
    onlyDependOnLibsWithTags: ['type:feature', 'type:data-access', 'type:util', 'type:contract', 'type:testing'],
  },
  { sourceTag: 'type:data-access', onlyDependOnLibsWithTags: ['type:util', 'type:contract', 'type:testing'] },
  { sourceTag: 'type:testing', onlyDependOnLibsWithTags: ['type:util', 'type:contract'] },
  { sourceTag: 'type:util', onlyDependOnLibsWithTags: ['type:util', 'type:contract', 'type:testing'] },
  {
    sourceTag: 'type:contract',
    onlyDependOnLibsWithTags: ['type:contract'],
    allowedExternalImports: ['zod', '@grpc/grpc-js', '@grpc/proto-loader'],
  },
];

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  ...nx.configs['flat/javascript'],
  {
    ignores: ['**/dist', '**/out-tsc', '**/coverage', '**/reports'],
  },
  {
    files: ['**/*.ts', '**/*.tsx', '**/*.js', '**/*.mjs', '**/*.cjs'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: true,
          banTransitiveDependencies: true,
          allow: ['^.*/eslint(\\.base)?\\.config\\.[cm]?[jt]s$'],
          depConstraints,
        },
      ],
    },
  },
  {
    // Build configs load the shared webpack preset by path; they are not part of any project's code.
    files: ['**/webpack.config.js'],
    rules: { '@nx/enforce-module-boundaries': 'off' },
  },
  {
    files: ['**/*.ts', '**/*.tsx'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
];
