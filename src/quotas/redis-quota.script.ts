/**
 * One atomic decision over every window of an account: GCRA for requests per minute, a counter
 * for the UTC calendar day, and a sorted set of concurrency leases scored by expiry. Time comes
 * from Redis TIME. Keys share one hash tag, so a Cluster keeps them on one slot. When any window
 * denies, nothing is written (only leases already expired are trimmed).
 *
 * KEYS: 1 minute TAT, 2 day hash {d, n}, 3 leases zset
 * ARGV: 1 per-minute limit, 2 per-day limit, 3 concurrency limit, 4 lease id, 5 lease ttl ms,
 *       6 "take" (1) or "peek" (0)
 * Returns: allowed, denied (0 none, 1 minute, 2 day, 3 concurrency), minute remaining,
 *          minute reset ms, day used, day reset ms, in flight, retry-after ms, now ms
 */
export const QUOTA_SCRIPT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local limit = tonumber(ARGV[1])
local day_limit = tonumber(ARGV[2])
local max_conc = tonumber(ARGV[3])
local take = ARGV[6] == '1'

local interval = 60000 / limit
local tolerance = interval * (limit - 1)
local tat = tonumber(redis.call('GET', KEYS[1]))
if tat == nil or tat < now then tat = now end
local allow_at = tat - tolerance

local day = math.floor(now / 86400000)
local day_reset = (day + 1) * 86400000 - now
local stored = redis.call('HMGET', KEYS[2], 'd', 'n')
local used = 0
if tonumber(stored[1]) == day then used = tonumber(stored[2]) or 0 end

redis.call('ZREMRANGEBYSCORE', KEYS[3], '-inf', now)
local in_flight = redis.call('ZCARD', KEYS[3])

if not take then
  local remaining = math.floor((now + tolerance - tat) / interval) + 1
  if remaining > limit then remaining = limit end
  if remaining < 0 then remaining = 0 end
  return {1, 0, remaining, math.floor(tat - now), used, day_reset, in_flight, 0, now}
end

if now < allow_at then
  return {0, 1, 0, math.floor(tat - now), used, day_reset, in_flight, math.ceil(allow_at - now), now}
end
if used >= day_limit then
  local remaining = math.floor((now + tolerance - tat) / interval) + 1
  return {0, 2, remaining, math.floor(tat - now), used, day_reset, in_flight, day_reset, now}
end
if in_flight >= max_conc then
  local remaining = math.floor((now + tolerance - tat) / interval) + 1
  return {0, 3, remaining, math.floor(tat - now), used, day_reset, in_flight, 1000, now}
end

local new_tat = tat + interval
redis.call('SET', KEYS[1], new_tat, 'PX', math.ceil(new_tat - now) + 1000)
redis.call('HSET', KEYS[2], 'd', day, 'n', used + 1)
redis.call('PEXPIRE', KEYS[2], day_reset + 3600000)
local lease_ttl = tonumber(ARGV[5])
redis.call('ZADD', KEYS[3], now + lease_ttl, ARGV[4])
redis.call('PEXPIRE', KEYS[3], lease_ttl + 1000)
local remaining = math.floor((now + tolerance - new_tat) / interval) + 1
if remaining < 0 then remaining = 0 end
return {1, 0, remaining, math.ceil(new_tat - now), used + 1, day_reset, in_flight + 1, 0, now}
`;

/** Failed authentications per client address: GCRA only. KEYS: 1 TAT. ARGV: 1 per-minute limit. */
export const AUTH_FAILURE_SCRIPT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local limit = tonumber(ARGV[1])
local interval = 60000 / limit
local tolerance = interval * (limit - 1)
local tat = tonumber(redis.call('GET', KEYS[1]))
if tat == nil or tat < now then tat = now end
if now < tat - tolerance then return {0, math.ceil(tat - tolerance - now)} end
local new_tat = tat + interval
redis.call('SET', KEYS[1], new_tat, 'PX', math.ceil(new_tat - now) + 1000)
return {1, 0}
`;

export const DENIED_POLICIES = [null, 'minute', 'day', 'concurrency'] as const;
