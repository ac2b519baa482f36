import { createHash } from 'node:crypto';

/**
 * `gcra()` as one Redis script, so that reading, deciding and writing a caller's
 * state is a single atomic step however many replicas share the key.
 *
 * KEYS[1] is a hash per (tier, caller): one field per policy, holding its TAT in
 * milliseconds. ARGV is `name, limit, windowMs` per policy. The clock is Redis's
 * own (`TIME`), so replicas with skewed clocks still agree. Nothing is written on a
 * refusal; every write sets `PEXPIRE` to the moment the state stops mattering, so
 * no key outlives its longest window.
 *
 * Replies `allowed, then remaining, waitMs, exceeded` per policy, as integers.
 */
export const GCRA_SCRIPT = `
local EPSILON = 0.01
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + tonumber(time[2]) / 1000
local count = #ARGV / 3
local names = {}
for i = 1, count do names[i] = ARGV[i * 3 - 2] end
local stored = redis.call('HMGET', KEYS[1], unpack(names))

local steps = {}
local allowed = true
for i = 1, count do
  local limit = tonumber(ARGV[i * 3 - 1])
  local window = tonumber(ARGV[i * 3])
  local interval = window / limit
  local tat = tonumber(stored[i]) or now
  if tat < now then tat = now end
  local fits = tat + interval - now <= window + EPSILON
  if not fits then allowed = false end
  steps[i] = { limit = limit, window = window, interval = interval, tat = tat, fits = fits }
end

local reply = { allowed and 1 or 0 }
local fields = {}
local ttl = 0
for i = 1, count do
  local step = steps[i]
  local tat = step.tat
  if allowed then tat = tat + step.interval end
  local credit = step.window - (tat - now)
  local remaining = math.floor((credit + EPSILON) / step.interval)
  if remaining < 0 then remaining = 0 elseif remaining > step.limit then remaining = step.limit end
  reply[#reply + 1] = remaining
  reply[#reply + 1] = math.ceil((remaining + 1) * step.interval - credit)
  reply[#reply + 1] = step.fits and 0 or 1
  if tat - now > ttl then ttl = tat - now end
  fields[#fields + 1] = names[i]
  fields[#fields + 1] = string.format('%.17g', tat)
end

if allowed then
  redis.call('HSET', KEYS[1], unpack(fields))
  redis.call('PEXPIRE', KEYS[1], math.ceil(ttl))
end
return reply
`;

/** What replicas send instead of the source (EVALSHA): the script's SHA-1, as Redis names it. */
export const GCRA_SCRIPT_SHA1 = createHash('sha1').update(GCRA_SCRIPT).digest('hex');
