-- Holds seats of one trip for one owner, all or nothing. Time is Redis's own (TIME), so expiry never depends on
-- application clocks. Checks run in this order (the memory adapter keeps it): conflicts, lifetime, cap.
-- KEYS[1]     the owner's held seats across trips (sorted set: "<trip>|<seat>" -> expiry ms)
-- KEYS[2]     when the owner first held each seat (sorted set: "<trip>|<seat>" -> first hold ms); kept after release
--             and expiry, so neither restarts a hold's lifetime
-- KEYS[3..n]  one key per seat; value "<owner>|<expiry ms>", with PX ttl
-- ARGV[1] owner, ARGV[2] ttl ms, ARGV[3] cap (seats one owner may hold at once, across trips), ARGV[4] exclusive
-- ("1": a seat the owner already holds is a conflict too), ARGV[5] max lifetime ms of a hold, ARGV[6] cooldown ms
-- after it, ARGV[7] trip id, ARGV[8..] the seat names, in KEYS order.
-- Returns {"ok", earliest expiry ms} | {"conflict", seat...} | {"cap", seats held now} | {"lifetime", retry ms, seat...}
local owner = ARGV[1]
local ttl = tonumber(ARGV[2])
local cap = tonumber(ARGV[3])
local exclusive = ARGV[4] == '1'
local lifetime = tonumber(ARGV[5])
local cooldown = tonumber(ARGV[6])
local trip = ARGV[7]
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local first_seat = 8 - 3 -- ARGV index of a seat = KEYS index + first_seat

local conflicts = {}
local fresh = 0
for i = 3, #KEYS do
  local v = redis.call('GET', KEYS[i])
  if v then
    local holder = string.match(v, '^(.*)|')
    if holder ~= owner or exclusive then conflicts[#conflicts + 1] = ARGV[i + first_seat] end
  else
    fresh = fresh + 1
  end
end
if #conflicts > 0 then
  table.insert(conflicts, 1, 'conflict')
  return conflicts
end

-- A first hold older than lifetime + cooldown is forgotten: the seat may be held afresh.
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now - lifetime - cooldown)
local starts = {}
local spent = {}
local wait = 0
for i = 3, #KEYS do
  local s = redis.call('ZSCORE', KEYS[2], trip .. '|' .. ARGV[i + first_seat])
  if s then
    s = tonumber(s)
    if now >= s + lifetime then
      spent[#spent + 1] = ARGV[i + first_seat]
      wait = math.max(wait, s + lifetime + cooldown - now)
    end
    starts[i] = s
  end
end
if #spent > 0 then
  table.insert(spent, 1, tostring(wait))
  table.insert(spent, 1, 'lifetime')
  return spent
end

redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
local mine = redis.call('ZCARD', KEYS[1])
if mine + fresh > cap then return { 'cap', tostring(mine) } end

local earliest = nil
for i = 3, #KEYS do
  local member = trip .. '|' .. ARGV[i + first_seat]
  local start = starts[i]
  if not start then
    start = now
    redis.call('ZADD', KEYS[2], now, member)
  end
  local expiry = math.min(now + ttl, start + lifetime)
  redis.call('SET', KEYS[i], owner .. '|' .. expiry, 'PX', expiry - now)
  redis.call('ZADD', KEYS[1], expiry, member)
  if not earliest or expiry < earliest then earliest = expiry end
end
-- Only ever lengthen the indexes' TTLs: each must outlive the latest entry in it.
if redis.call('PTTL', KEYS[1]) < ttl then redis.call('PEXPIRE', KEYS[1], ttl) end
if redis.call('PTTL', KEYS[2]) < lifetime + cooldown then redis.call('PEXPIRE', KEYS[2], lifetime + cooldown) end
return { 'ok', tostring(earliest) }
