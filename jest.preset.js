const { join } = require('node:path');
const nxPreset = require('@nx/jest/preset').default;

/**
 * One preset for every project: SWC instead of ts-jest (several times faster, and it
 * emits the decorator metadata Nest's DI needs), and a reporter that leaves one
 * result file per project so CI can total the counts across the whole workspace.
 */
module.exports = {
  ...nxPreset,
  testEnvironment: 'node',
  moduleFileExtensions: ['ts', 'js', 'json'],
  testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/src/**/*.e2e-spec.ts'],
  transform: {
    '^.+\\.[tj]s$': [
      '@swc/jest',
      {
        jsc: {
          parser: { syntax: 'typescript', decorators: true },
          transform: { legacyDecorator: true, decoratorMetadata: true },
          target: 'es2022',
        },
        sourceMaps: 'inline',
      },
    ],
  },
  // jose ships ES modules only; let SWC compile it like our own sources.
  transformIgnorePatterns: ['/node_modules/(?!jose/)'],
  reporters: ['default', join(__dirname, 'tools/jest/result-file.reporter.js')],
};
