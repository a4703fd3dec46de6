/**
 * One atomic decision over every window of an account: GCRA for requests per minute (gcra.ts,
 * the same arithmetic in whole microseconds), a counter for the UTC calendar day, and a sorted
 * set of concurrency leases scored by their expiry (ms), so a crashed instance's leases lapse by
 * themselves. Time comes from Redis TIME (Redis ≥ 5 replicates a script's effects, not the
 * script). Keys share one hash tag, so a Cluster keeps them on one slot. When any window denies,
 * nothing is written (only leases already expired are trimmed); the denial named is the window
 * with the longest wait, and the retry-after is that wait, so a retry is never announced early.
 *
 * KEYS: 1 minute TAT (µs), 2 day hash {d = day number, n = executions}, 3 leases zset
 * ARGV: 1 per-minute limit, 2 per-day limit, 3 concurrency limit, 4 lease id, 5 lease ttl ms,
 *       6 "take" (1), "peek" (0) or "take without a slot" (2: minute and day only, for a run that
 *       is queued), 7 retry-after of a concurrency denial (ms), 8 executions to
 *       take from the day (a batch takes one per run, all or none), 9… leases given back since
 *       the last decision (removed first, whatever the decision: see LeaseReleases)
 * Returns: allowed, denied (0 none, 1 minute, 2 day, 3 concurrency), minute remaining,
 *          minute reset ms, day used, day reset ms, in flight, retry-after ms, now ms, and the
 *          denial without concurrency (0 when only a slot was missing)
 */
export const QUOTA_SCRIPT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local now_ms = math.floor(now / 1000)
local limit = tonumber(ARGV[1])
local day_limit = tonumber(ARGV[2])
local max_conc = tonumber(ARGV[3])
local cost = tonumber(ARGV[8]) or 1

local interval = math.ceil(60000000 / limit)
local tolerance = interval * (limit - 1)
local tat = tonumber(redis.call('GET', KEYS[1]))
if tat == nil or tat < now then tat = now end
local allow_at = tat - tolerance

local day = math.floor(now_ms / 86400000)
local day_reset = (day + 1) * 86400000 - now_ms
local stored = redis.call('HMGET', KEYS[2], 'd', 'n')
local used = 0
if tonumber(stored[1]) == day then used = tonumber(stored[2]) or 0 end

if #ARGV > 8 then redis.call('ZREM', KEYS[3], unpack(ARGV, 9)) end
redis.call('ZREMRANGEBYSCORE', KEYS[3], '-inf', now_ms)
local in_flight = redis.call('ZCARD', KEYS[3])

local remaining = 0
if now >= allow_at then remaining = math.floor((now + tolerance - tat) / interval) + 1 end
local reset = math.ceil((tat - now) / 1000)

if ARGV[6] == '0' then
  return {1, 0, remaining, reset, used, day_reset, in_flight, 0, now_ms, 0}
end
local with_slot = ARGV[6] == '1'

local denied = 0
local retry = 0
if now < allow_at then
  denied = 1
  retry = math.ceil((allow_at - now) / 1000)
end
if used + cost > day_limit and day_reset > retry then
  denied = 2
  retry = day_reset
end
local others = denied
local conc_retry = tonumber(ARGV[7])
if with_slot and in_flight >= max_conc and conc_retry > retry then
  denied = 3
  retry = conc_retry
end
if denied ~= 0 then
  return {0, denied, remaining, reset, used, day_reset, in_flight, retry, now_ms, others}
end

local new_tat = tat + interval
redis.call('SET', KEYS[1], string.format('%.0f', new_tat), 'PX', math.ceil((new_tat - now) / 1000) + 1000)
redis.call('HSET', KEYS[2], 'd', day, 'n', used + cost)
redis.call('PEXPIRE', KEYS[2], day_reset + 3600000)
if with_slot then
  local lease_ttl = tonumber(ARGV[5])
  redis.call('ZADD', KEYS[3], now_ms + lease_ttl, ARGV[4])
  redis.call('PEXPIRE', KEYS[3], lease_ttl + 1000)
  in_flight = in_flight + 1
end
remaining = math.floor((now + tolerance - new_tat) / interval) + 1
if remaining < 0 then remaining = 0 end
return {1, 0, remaining, math.ceil((new_tat - now) / 1000), used + cost, day_reset, in_flight, 0, now_ms, 0}
`;

/**
 * A concurrency lease alone, for a run the request's decision did not cover (an async run when an
 * executor starts it, the further lanes of a batch). A lease id already held is taken again (its
 * expiry renewed): a retried job re-takes its own lease instead of waiting for it to lapse.
 * KEYS: 1 leases zset. ARGV: 1 concurrency limit, 2 lease id, 3 lease ttl ms, 4… leases given back
 * since the last decision. Returns: 1 taken, 0 refused.
 */
export const LEASE_SCRIPT = `
local t = redis.call('TIME')
local now_ms = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
if #ARGV > 3 then redis.call('ZREM', KEYS[1], unpack(ARGV, 4)) end
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now_ms)
if not redis.call('ZSCORE', KEYS[1], ARGV[2]) and redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[1]) then return 0 end
local ttl = tonumber(ARGV[3])
redis.call('ZADD', KEYS[1], now_ms + ttl, ARGV[2])
if redis.call('PTTL', KEYS[1]) < ttl + 1000 then redis.call('PEXPIRE', KEYS[1], ttl + 1000) end
return 1
`;

/**
 * Executions given back to a day (a request refused after its decision ran nothing).
 * KEYS: 1 day hash. ARGV: 1 the day number the decision charged, 2 executions. A day that has
 * rolled over since is left alone.
 */
export const REFUND_SCRIPT = `
local stored = redis.call('HMGET', KEYS[1], 'd', 'n')
if tonumber(stored[1]) ~= tonumber(ARGV[1]) then return 0 end
local left = (tonumber(stored[2]) or 0) - tonumber(ARGV[2])
if left < 0 then left = 0 end
redis.call('HSET', KEYS[1], 'n', left)
return 1
`;

/**
 * Failed authentications per client address: GCRA only, same units. KEYS: 1 TAT (µs).
 * ARGV: 1 per-minute limit. Returns: allowed, retry-after ms.
 */
export const AUTH_FAILURE_SCRIPT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local limit = tonumber(ARGV[1])
local interval = math.ceil(60000000 / limit)
local tolerance = interval * (limit - 1)
local tat = tonumber(redis.call('GET', KEYS[1]))
if tat == nil or tat < now then tat = now end
if now < tat - tolerance then return {0, math.ceil((tat - tolerance - now) / 1000)} end
local new_tat = tat + interval
redis.call('SET', KEYS[1], string.format('%.0f', new_tat), 'PX', math.ceil((new_tat - now) / 1000) + 1000)
return {1, 0}
`;

export const DENIED_POLICIES = [null, 'minute', 'day', 'concurrency'] as const;

/** Key names of an account's windows: one hash tag, so they live on one Cluster slot. */
export function accountKeys(accountId: string): [minute: string, day: string, leases: string] {
  const tag = `{ww:acct:${accountId}}`;
  // `rpm-us`: the TAT is in microseconds (an earlier version kept milliseconds under `minute`).
  return [`${tag}:rpm-us`, `${tag}:day`, `${tag}:leases`];
}

export function authFailureKey(address: string): string {
  return `{ww:ip:${address}}:auth-us`;
}
