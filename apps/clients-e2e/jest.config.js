module.exports = {
  displayName: 'clients-e2e',
  preset: '../../jest.preset.js',
  // Each suite boots real processes; give them room on a loaded 2-core machine.
  testTimeout: 30_000,
};
