module.exports = {
  displayName: 'web-e2e',
  preset: '../../jest.preset.js',
  // Real processes and a real browser: give them room on a loaded 2-core machine.
  testTimeout: 30_000,
};
