import baseConfig from '../../../eslint.config.mjs';

export default [
  ...baseConfig,
  // Generated from the protos by npm run generate:grpc, in the generator's own style.
  { ignores: ['src/lib/grpc/generated/**'] },
];
