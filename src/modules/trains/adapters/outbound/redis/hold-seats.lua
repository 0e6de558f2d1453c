-- Holds seats of one trip for one owner, all or nothing. Time is Redis's own (TIME), so expiry never depends on
-- application clocks.
-- KEYS[1]     the owner's index of held seats of this trip (sorted set: seat -> expiry ms)
-- KEYS[2..n]  one key per seat; value "<owner>|<expiry ms>", with PX ttl
-- ARGV[1] owner, ARGV[2] ttl ms, ARGV[3] cap (seats one owner may hold on the trip), ARGV[4] exclusive ("1": a seat
-- the owner already holds is a conflict too), ARGV[5..] the seat names, in KEYS order.
-- Returns {"ok", expiry ms} | {"conflict", seat...} | {"cap", seats held now}
local owner = ARGV[1]
local ttl = tonumber(ARGV[2])
local cap = tonumber(ARGV[3])
local exclusive = ARGV[4] == '1'
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)

local conflicts = {}
local fresh = 0
for i = 2, #KEYS do
  local v = redis.call('GET', KEYS[i])
  if v then
    local holder = string.match(v, '^(.*)|')
    if holder ~= owner or exclusive then conflicts[#conflicts + 1] = ARGV[i + 3] end
  else
    fresh = fresh + 1
  end
end
if #conflicts > 0 then
  table.insert(conflicts, 1, 'conflict')
  return conflicts
end

redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
local mine = redis.call('ZCARD', KEYS[1])
if mine + fresh > cap then return { 'cap', tostring(mine) } end

local expiry = now + ttl
local value = owner .. '|' .. expiry
for i = 2, #KEYS do
  redis.call('SET', KEYS[i], value, 'PX', ttl)
  redis.call('ZADD', KEYS[1], expiry, ARGV[i + 3])
end
redis.call('PEXPIRE', KEYS[1], ttl)
return { 'ok', tostring(expiry) }
