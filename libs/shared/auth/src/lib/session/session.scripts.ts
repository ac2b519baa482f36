/*
 * The Redis session store's writes, each one Lua script so that the session and
 * the two indexes that bound it never disagree, whatever replicas race.
 *
 * Layout under the store's prefix:
 * - `<prefix><digest of session id>`: the session (JSON), expiring with it;
 * - `<prefix>user:<sha1 of sub>`: a sorted set of that user's session digests,
 *   scored by expiry (milliseconds); with one lifetime for all, the lowest score
 *   is the oldest session;
 * - `<prefix>all`: the same for every session, counted against the total cap.
 * Index entries of expired sessions are trimmed on each sign-in (by score). The
 * clock is Redis's own (`TIME`), so replicas with skewed clocks agree.
 *
 * The user index is named inside the script (from the subject) so that sign-out,
 * which knows only the session, finds it too: one Redis, not a cluster.
 */

/**
 * Creates a session. KEYS: session, all-index. ARGV: session JSON, ttl seconds,
 * member (session digest), subject, maxPerUser, maxTotal, key prefix. Ends the
 * same user's oldest sessions beyond maxPerUser, then replies -1 without writing
 * when the total cap is reached, else the number of sessions it ended.
 */
export const CREATE_SESSION_SCRIPT = `
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local ttlMs = tonumber(ARGV[2]) * 1000
local member = ARGV[3]
local userKey = ARGV[7] .. 'user:' .. redis.sha1hex(ARGV[4])
redis.call('ZREMRANGEBYSCORE', userKey, '-inf', now)
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now)
local ended = 0
local excess = redis.call('ZCARD', userKey) - tonumber(ARGV[5]) + 1
if excess > 0 then
  local oldest = redis.call('ZRANGE', userKey, 0, excess - 1)
  for _, old in ipairs(oldest) do
    redis.call('DEL', ARGV[7] .. old)
    redis.call('ZREM', KEYS[2], old)
    redis.call('ZREM', userKey, old)
  end
  ended = #oldest
end
if redis.call('ZCARD', KEYS[2]) >= tonumber(ARGV[6]) then return -1 end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ttlMs)
redis.call('ZADD', userKey, now + ttlMs, member)
redis.call('PEXPIRE', userKey, ttlMs)
redis.call('ZADD', KEYS[2], now + ttlMs, member)
redis.call('PEXPIRE', KEYS[2], ttlMs)
return ended
`;

/**
 * Ends a session. KEYS: session, all-index. ARGV: member, key prefix. A value the
 * store did not write (no JSON, no subject) is deleted all the same.
 */
export const DELETE_SESSION_SCRIPT = `
local value = redis.call('GET', KEYS[1])
redis.call('DEL', KEYS[1])
redis.call('ZREM', KEYS[2], ARGV[1])
if not value then return 0 end
local ok, session = pcall(cjson.decode, value)
if ok and type(session) == 'table' and type(session.sub) == 'string' then
  redis.call('ZREM', ARGV[2] .. 'user:' .. redis.sha1hex(session.sub), ARGV[1])
end
return 1
`;
