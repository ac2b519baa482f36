const { NxAppWebpackPlugin } = require('@nx/webpack/app-plugin');
const { BannerPlugin } = require('webpack');
const { join, relative } = require('node:path');
const { WarningsAsErrorsPlugin } = require('./warnings-as-errors.plugin');

/**
 * Nx's SWC loader compiles in loose mode with no target, which turns `[...set]`
 * into `[].concat(set)` (an array holding the Set). Compile for the Node we run on,
 * with spec-compliant semantics.
 */
class SpecCompliantSwcPlugin {
  apply(compiler) {
    for (const rule of compiler.options.module.rules) {
      if (typeof rule?.loader === 'string' && rule.loader.includes('swc-loader')) {
        rule.options.jsc.loose = false;
        rule.options.jsc.target = 'es2022';
      }
    }
  }
}

/**
 * The webpack config every Nest app in the workspace shares: one Node bundle in
 * `dist/<project root>/main.js`, node_modules left external.
 *
 * @example
 * // apps/web-bff/webpack.config.js
 * module.exports = require('../../tools/webpack/node-app.webpack')(__dirname);
 */
module.exports = function nodeAppConfig(projectDir) {
  const workspaceRoot = join(__dirname, '..', '..');
  return {
    output: {
      path: join(workspaceRoot, 'dist', relative(workspaceRoot, projectDir)),
      clean: true,
      ...(process.env.NODE_ENV !== 'production' && { devtoolModuleFilenameTemplate: '[absolute-resource-path]' }),
    },
    plugins: [
      new NxAppWebpackPlugin({
        target: 'node',
        compiler: 'swc',
        main: './src/main.ts',
        tsConfig: './tsconfig.app.json',
        optimization: false,
        outputHashing: 'none',
        generatePackageJson: false,
        sourceMap: true,
      }),
      new SpecCompliantSwcPlugin(),
      // A warning fails the build: a clean build prints none.
      new WarningsAsErrorsPlugin(),
      // Before any module is loaded: V8 keeps the compiled code of every module it
      // loads on disk (the OS temp dir, or NODE_COMPILE_CACHE), so the next start
      // skips most compiling, which is the largest part of start-up. A read-only
      // disk just means no cache; the app starts as before.
      new BannerPlugin({
        banner: "require('node:module').enableCompileCache?.();",
        raw: true,
        entryOnly: true,
      }),
    ],
  };
};
