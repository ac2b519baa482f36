/**
 * An AMQP message's headers as request headers: lower-case keys, text as is, numbers
 * and booleans as their text, bytes in base64 (as gRPC `-bin` metadata is), and
 * anything nested (arrays, tables) as JSON. The request log and the `x-fault-*`
 * knobs then read an AMQP request as they read an HTTP one: a publisher may set
 * `x-fault-status` to `503` or `'503'` alike.
 *
 * @example
 * messageHeaders(message.properties.headers); // { 'x-request-id': 'abc', 'x-fault-status': '503' }
 */
export function messageHeaders(
  headers: Readonly<Record<string, unknown>> | undefined,
): Record<string, string> {
  const result: Record<string, string> = {};
  if (headers === undefined) return result;
  for (const key of Object.keys(headers)) {
    const value = headerText(headers[key]);
    if (value !== undefined) result[key.toLowerCase()] = value;
  }
  return result;
}

function headerText(value: unknown): string | undefined {
  switch (typeof value) {
    case 'string':
      return value;
    case 'number':
    case 'bigint':
    case 'boolean':
      return String(value);
    case 'object':
      if (value === null) return undefined;
      if (Buffer.isBuffer(value)) return value.toString('base64');
      return JSON.stringify(value);
    default:
      return undefined;
  }
}
