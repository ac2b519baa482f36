import baseConfig from '../../eslint.config.mjs';

export default [
  ...baseConfig,
  {
    // The generator's templates are the generated projects' code, linted where they land.
    ignores: ['src/generators/*/files/**'],
  },
];
