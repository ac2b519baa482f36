module.exports = {
  displayName: 'nx-plugin-e2e',
  preset: '../../jest.preset.js',
  testMatch: ['<rootDir>/src/**/*.e2e-spec.ts'],
  // Generates a client into a copy of the workspace, then lints, tests, builds and runs
  // its e2e suite there, demo services included: minutes on a loaded 2-core machine.
  testTimeout: 900_000,
};
