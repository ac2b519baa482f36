#!/usr/bin/env node
// Prints a development access token (RFC 9068: typ at+jwt) for the web or mobile
// gateway, signed with the HS256 secret the gateways use with AUTH_MODE=development:
//   npm run -s token -- --client mobile --sub 1 --scopes orders:write --ttl 1h
// The defaults come from libs/shared/auth/dev-auth.json, the same file the gateways
// read, so a token minted here always matches a gateway started with `npm start`.
import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { SignJWT } from 'jose';
import { requireProjectNode } from './lib/require-node.mjs';

requireProjectNode();

const devAuth = JSON.parse(readFileSync(new URL('../../libs/shared/auth/dev-auth.json', import.meta.url), 'utf8'));

const usage = `Usage: npm run -s token -- --client web|mobile [--sub <user id>] [--scopes a,b] [--ttl 15m|1h|1d] [--audience <aud>]

Prints a development access token (HS256, typ at+jwt, dev-auth.json), for gateways
started with AUTH_MODE=development (as npm start does). AUTH_HS256_SECRET and
AUTH_ISSUER override the defaults, as they do for the gateways; --ttl may not exceed
AUTH_MAX_TOKEN_LIFETIME_SECONDS (default 24 h), the longest lifetime they accept.`;

function fail(message) {
  process.stderr.write(`${message}\n\n${usage}\n`);
  process.exit(1);
}

let values;
try {
  ({ values } = parseArgs({
    options: {
      client: { type: 'string' },
      sub: { type: 'string', default: '1' },
      scopes: { type: 'string', default: '' },
      ttl: { type: 'string', default: '1h' },
      audience: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  }));
} catch (error) {
  fail(error.message);
}
if (values.help) {
  process.stdout.write(`${usage}\n`);
  process.exit(0);
}
if (process.env.NODE_ENV === 'production') fail('This tool mints development tokens only; it refuses to run with NODE_ENV=production.');
if (!Object.hasOwn(devAuth.audiences, values.client ?? '')) {
  fail(`--client must be one of: ${Object.keys(devAuth.audiences).join(', ')}`);
}
if (!/^[\x21-\x7e]{1,255}$/.test(values.sub)) fail('--sub must be 1 to 255 printable characters without spaces');

const ttl = /^(\d+)([smhd])$/.exec(values.ttl);
if (!ttl) fail('--ttl must look like 90s, 15m, 1h or 1d');
const ttlSeconds = Number(ttl[1]) * { s: 1, m: 60, h: 3_600, d: 86_400 }[ttl[2]];
const maxLifetimeSeconds = Number(process.env.AUTH_MAX_TOKEN_LIFETIME_SECONDS || 86_400);
if (ttlSeconds > maxLifetimeSeconds) {
  fail(`--ttl may be at most ${maxLifetimeSeconds} s (AUTH_MAX_TOKEN_LIFETIME_SECONDS): the gateways refuse longer-lived tokens`);
}

const secret = process.env.AUTH_HS256_SECRET || devAuth.hs256Secret;
const issuer = process.env.AUTH_ISSUER || devAuth.issuer;
const audience = values.audience ?? devAuth.audiences[values.client];
const scopes = values.scopes
  .split(/[\s,]+/)
  .filter((scope) => scope.length > 0)
  .join(' ');

const now = Math.floor(Date.now() / 1_000);
const token = await new SignJWT({ ...(scopes ? { scope: scopes } : {}), client_id: values.client })
  .setProtectedHeader({ alg: 'HS256', typ: 'at+jwt' })
  .setIssuer(issuer)
  .setAudience(audience)
  .setSubject(values.sub)
  .setIssuedAt(now)
  .setExpirationTime(now + ttlSeconds)
  .setJti(randomUUID())
  .sign(new TextEncoder().encode(secret));

process.stdout.write(`${token}\n`);
