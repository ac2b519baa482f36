export interface ClientBffSchema {
  /** The client, in kebab-case: the gateway is `<name>-bff`, its scope `scope:<name>`. */
  name: string;
  /** The gateway's HTTP port; the next free one after the other gateways' when left out. */
  port?: number;
}
