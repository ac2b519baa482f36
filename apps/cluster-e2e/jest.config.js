module.exports = {
  displayName: 'cluster-e2e',
  preset: '../../jest.preset.js',
  // The harness is the supervisor `npm run start:cluster` runs (tools/scripts/lib, ES
  // modules); compiled to CommonJS it loads inside Jest without --experimental-vm-modules.
  moduleFileExtensions: ['ts', 'js', 'mjs', 'json'],
  transform: {
    '^.+\\.mjs$': ['@swc/jest', { module: { type: 'commonjs' } }],
  },
  // Nine processes and nginx start before the first test, on a loaded 2-core machine.
  testTimeout: 60_000,
};
