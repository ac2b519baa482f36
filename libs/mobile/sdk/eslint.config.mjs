import baseConfig from '../../../eslint.config.mjs';

export default [
  ...baseConfig,
  // Generated from the gateway's OpenAPI document by npm run generate:sdk, in the generator's own style.
  { ignores: ['src/lib/generated/**'] },
];
