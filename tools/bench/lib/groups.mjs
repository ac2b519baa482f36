/**
 * The side-by-side rows: per group one route, the servers answering it, and the
 * baselines every row is compared with. Rows run in this order, one at a time.
 * `token` names the client a development JWT is minted for (protected routes only).
 *
 * @typedef {{ server: string, label?: string, token?: 'web' | 'mobile' }} RowDefinition
 * @typedef {{ id: string, title: string, path: string, rows: RowDefinition[], baselines: { server: string, label: string }[] }} GroupDefinition
 */

/** @type {GroupDefinition[]} */
export const COMPARISON_GROUPS = [
  {
    id: 'proxy',
    title: 'Proxy: GET /users/1 (BFFs check a bearer JWT, cache off)',
    path: '/users/1',
    rows: [
      { server: 'mobile-bff', token: 'mobile' },
      { server: 'web-bff', token: 'web' },
      { server: 'express' },
      { server: 'fastify-proxy' },
      { server: 'nginx' },
    ],
    baselines: [
      { server: 'express', label: 'vs express' },
      { server: 'fastify-proxy', label: 'vs fastify-proxy' },
    ],
  },
  {
    id: 'composition',
    title: 'Composition: GET /product-details/1 (parts in parallel, cache off)',
    path: '/product-details/1',
    rows: [
      { server: 'mobile-bff', label: 'mobile-bff, 4 parts (HTTP ×2, gRPC, AMQP)' },
      { server: 'web-bff', label: 'web-bff, 4 parts (HTTP ×2, gRPC, AMQP)' },
      { server: 'express', label: 'express+axios, 3 parts (HTTP)' },
    ],
    baselines: [{ server: 'express', label: 'vs express' }],
  },
  {
    id: 'cache',
    title: 'Cache hit: GET /product-details/1 (cache on)',
    path: '/product-details/1',
    rows: [
      { server: 'web-bff-cached' },
      { server: 'mobile-bff-cached' },
      { server: 'fastify-bare', label: 'bare fastify page' },
    ],
    baselines: [{ server: 'fastify-bare', label: 'vs bare fastify' }],
  },
  {
    id: 'observability',
    title: 'Observability cost: GET /product-details/1 (cache off)',
    path: '/product-details/1',
    rows: [
      { server: 'mobile-bff-traced', label: 'mobile-bff: metrics, JSON access line, traces exported' },
      { server: 'mobile-bff', label: 'mobile-bff: metrics on, JSON access line' },
      { server: 'mobile-bff-quiet', label: 'mobile-bff: no metrics, no access line' },
    ],
    baselines: [{ server: 'mobile-bff-quiet', label: 'vs quiet' }],
  },
  {
    id: 'health',
    title: 'Health: GET /health',
    path: '/health',
    rows: [
      { server: 'web-bff' },
      { server: 'mobile-bff' },
      { server: 'fastify-bare', label: 'bare fastify hello' },
    ],
    baselines: [{ server: 'fastify-bare', label: 'vs bare hello' }],
  },
];

/** Every group `--only` accepts, in run order. */
export const GROUP_IDS = [
  ...COMPARISON_GROUPS.map((group) => group.id),
  'cache-users',
  'low-load',
  'overload',
  'soak',
  'sizes',
];
