-- baggage/work_items v1: claims arriving flights, or re-evaluates corrected ones, atomically.
-- KEYS[1] = <prefix>flight:arrival_times.
-- ARGV[1] = key prefix, ARGV[2] = mode ('claim' | 'corrections' | 'unpublished'), ARGV[3] = now, ARGV[4] = limit,
-- ARGV[5] = claim horizon (unix seconds; 'claim' only), ARGV[6] = bag budget ('claim' only; 0 = none): the claim stops
--   after the flight that brings the bags computed to the budget, so one call blocks Redis for a bounded time.
-- claim: moves up to `limit` flights with arrival_time <= horizon from flight:arrival_times to flight:arrived (a
--   flight is claimed once, whoever calls), computes each item, stores it on the flight (work, work_rev) and lists
--   the flight in flight:unpublished until the caller confirms the item reached Kafka. Flights without bags are
--   moved but yield no item.
-- corrections: pops up to `limit` flights from flight:corrections; for each not yet landed (arrival_time > now) whose
--   recomputed item differs from the produced one, stores the new item and lists it as unpublished.
-- unpublished: the stored items still listed in flight:unpublished (a producer died before confirming them).
-- Returns a flat array: id, arrival_time, item bags JSON, revision, ... .
-- Next-departure codes: -1 itinerary unknown, -2 empty itinerary, -10 flight not on the itinerary, 0 last leg,
-- -3 next leg not stored, otherwise the next leg's departure_time (seed 003 returned the arrival time: fixed).
local p = ARGV[1]
local mode = ARGV[2]
local now = tonumber(ARGV[3])
local limit = tonumber(ARGV[4])
local out = {}

-- The leg after `id` in an itinerary. Itineraries are JSON arrays of flight ids; the common one (no backslash, so
-- no escaped quote can fake a boundary, and an id JSON writes verbatim) is scanned as a string, which is several
-- times cheaper than decoding it per bag; anything else is decoded. Returns nil (not on it), false (last leg) or the
-- next id; `empty` is true for an empty itinerary.
local function next_leg(itinerary, id, plain_id)
  if plain_id and string.byte(itinerary, 1) == 91 and not string.find(itinerary, '\\', 1, true) then
    if string.find(itinerary, '^%[%s*%]$') then return nil, true end
    local _, e = string.find(itinerary, '"' .. id .. '"', 1, true)
    if not e then return nil, false end
    local nxt = string.match(itinerary, '^%s*,%s*"([^"]*)"', e + 1)
    if nxt then return nxt, false end
    if string.find(itinerary, '^%s*%]', e + 1) then return false, false end
  end
  local legs = cjson.decode(itinerary)
  if #legs == 0 then return nil, true end
  for j = 1, #legs do
    if legs[j] == id then
      if j == #legs then return false, false end
      return legs[j + 1], false
    end
  end
  return nil, false
end

local function item_json(id, bags_json)
  local bags = cjson.decode(bags_json)
  -- A flight id that JSON writes as is (no quote, backslash or control character) can be searched for verbatim.
  local plain_id = not string.find(id, '[%c"\\]')
  -- Bags of one flight often connect to the same next flight: look each departure up once per call.
  local departures = {}
  local parts = {}
  for k, bag in ipairs(bags) do
    local code
    local itinerary = redis.call('HGET', p .. 'bag:id:' .. bag, 'flights')
    if not itinerary then
      code = '-1'
    else
      local nxt, empty = next_leg(itinerary, id, plain_id)
      if empty then
        code = '-2'
      elseif nxt == nil then
        code = '-10'
      elseif nxt == false then
        code = '0'
      else
        code = departures[nxt]
        if not code then
          code = redis.call('HGET', p .. 'flight:id:' .. nxt, 'departure_time') or '-3'
          departures[nxt] = code
        end
      end
    end
    parts[k] = '"' .. bag .. '":' .. code
  end
  return '{' .. table.concat(parts, ',') .. '}', #bags
end

local function emit(id, arrival, json, rev)
  out[#out + 1] = id
  out[#out + 1] = arrival
  out[#out + 1] = json
  out[#out + 1] = tostring(rev)
end

if mode == 'claim' then
  local ids = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[5], 'LIMIT', 0, limit)
  local budget = tonumber(ARGV[6]) or 0
  local bags = 0
  for _, id in ipairs(ids) do
    if budget > 0 and bags >= budget then break end
    local key = p .. 'flight:id:' .. id
    local f = redis.call('HMGET', key, 'arrival_time', 'bags')
    redis.call('ZREM', KEYS[1], id)
    if f[1] then
      redis.call('ZADD', p .. 'flight:arrived', f[1], id)
      if f[2] and f[2] ~= '[]' then
        local json, n = item_json(id, f[2])
        bags = bags + n
        redis.call('HSET', key, 'work', json, 'work_rev', 1)
        redis.call('ZADD', p .. 'flight:unpublished', now, id)
        emit(id, f[1], json, 1)
      end
    end
  end
elseif mode == 'corrections' then
  local ids = redis.call('SPOP', p .. 'flight:corrections', limit)
  for _, id in ipairs(ids) do
    local key = p .. 'flight:id:' .. id
    local f = redis.call('HMGET', key, 'arrival_time', 'bags', 'work', 'work_rev')
    if f[1] and tonumber(f[1]) > now and f[2] then
      local json = item_json(id, f[2])
      if json ~= (f[3] or '{}') then
        local rev = (tonumber(f[4]) or 0) + 1
        redis.call('HSET', key, 'work', json, 'work_rev', rev)
        redis.call('ZADD', p .. 'flight:unpublished', now, id)
        emit(id, f[1], json, rev)
      end
    end
  end
elseif mode == 'unpublished' then
  local ids = redis.call('ZRANGEBYSCORE', p .. 'flight:unpublished', '-inf', ARGV[3], 'LIMIT', 0, limit)
  for _, id in ipairs(ids) do
    local f = redis.call('HMGET', p .. 'flight:id:' .. id, 'arrival_time', 'work', 'work_rev')
    if f[1] and f[2] then
      emit(id, f[1], f[2], tonumber(f[3]) or 1)
    else
      redis.call('ZREM', p .. 'flight:unpublished', id)
    end
  end
else
  return redis.error_reply('unknown mode ' .. tostring(mode))
end
return out
