const PLUGIN_NAME = 'WarningsAsErrorsPlugin';

/**
 * Fails the build on any webpack warning: each warning is reported as an error, so
 * `webpack-cli` (and with it `nx build` and `npm start`) exits non-zero. A warning is
 * nearly always a real fault the bundle would otherwise ship with, e.g.
 * `export 'X' ... was not found`: a constructor parameter typed by an interface that was
 * imported as a value, which decorator metadata then looks up at run time.
 *
 * Runs on `done`, after every other plugin added its warnings and after
 * `ignoreWarnings` filtered them. `tolerate` lists warnings that stay warnings (printed,
 * not failing), each `{ module?: RegExp, message?: RegExp }` matching the module's
 * resource path and the warning's message; an entry with neither matches nothing.
 *
 * @example
 * plugins: [new WarningsAsErrorsPlugin()]
 */
class WarningsAsErrorsPlugin {
  constructor({ tolerate = [] } = {}) {
    this.tolerate = tolerate;
  }

  apply(compiler) {
    compiler.hooks.done.tap(PLUGIN_NAME, (stats) => this.promote(stats.compilation));
  }

  promote(compilation) {
    const warnings = compilation.getWarnings();
    const failing = warnings.filter((warning) => !this.tolerated(warning));
    compilation.warnings = warnings.filter((warning) => this.tolerated(warning));
    compilation.errors.push(...failing);
    for (const child of compilation.children) this.promote(child);
  }

  tolerated(warning) {
    const resource = warning.module?.resource ?? '';
    return this.tolerate.some(
      ({ module, message }) =>
        (module !== undefined || message !== undefined) &&
        (module === undefined || module.test(resource)) &&
        (message === undefined || message.test(warning.message)),
    );
  }
}

module.exports = { WarningsAsErrorsPlugin };
