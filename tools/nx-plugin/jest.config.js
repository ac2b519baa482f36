module.exports = {
  displayName: 'nx-plugin',
  preset: '../../jest.preset.js',
  // The generated workspace's run is the `e2e` target's (jest.e2e.config.js): minutes, not seconds.
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
  coverageDirectory: '../../coverage/tools/nx-plugin',
};
