module.exports = {
  displayName: 'workspace-checks',
  preset: '../../jest.preset.js',
  // The root eslint.config.mjs is ES module code; compiled to CommonJS it loads inside
  // Jest without --experimental-vm-modules.
  moduleFileExtensions: ['ts', 'js', 'mjs', 'json'],
  transform: {
    '^.+\\.mjs$': ['@swc/jest', { module: { type: 'commonjs' } }],
  },
  // A fresh clone computes the Nx project graph before the first lint; the suites also
  // start whole (fake) stacks. Both are slow on a loaded 2-core machine.
  testTimeout: 120_000,
};
