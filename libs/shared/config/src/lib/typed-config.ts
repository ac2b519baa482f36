/**
 * Read-only, typed access to an app's parsed configuration. Each app subclasses it
 * once so the subclass doubles as its DI token.
 *
 * @example
 * export class WebBffConfig extends TypedConfig<z.output<typeof webBffConfigSchema>> {}
 * // later, in any provider:
 * constructor(private readonly config: WebBffConfig) {}
 * const port = this.config.get('PORT');
 */
export class TypedConfig<T extends object> {
  constructor(private readonly values: Readonly<T>) {}

  get<K extends keyof T>(key: K): T[K] {
    return this.values[key];
  }
}
