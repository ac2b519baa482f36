/** DI token for how many proxies in front of the app are trusted to append to `X-Forwarded-For`. */
export const TRUSTED_PROXY_HOPS = Symbol('TRUSTED_PROXY_HOPS');
