-- baggage/upsert_flights v1: upserts one consumed batch of the `flights` topic, atomically.
-- KEYS[1] = <prefix>flight:count (declared so Redis Cluster routes the call; every key shares the prefix).
-- ARGV[1] = key prefix ('' = the original layout), ARGV[2] = now (unix seconds),
-- then 4 values per flight: id, departure_time, arrival_time, bags (JSON array of bag ids).
-- Counts only new flights. A flight whose work was already produced stays in flight:arrived; a change that can alter
-- the codes of an already-produced item whose flight has not landed marks it in flight:corrections.
-- Returns { created, updated, unchanged }.
local p = ARGV[1]
local now = tonumber(ARGV[2])
local created, updated, unchanged = 0, 0, 0
local arrived_key = p .. 'flight:arrived'
local function mark_if_pending(flight_id)
  local arrival = redis.call('ZSCORE', arrived_key, flight_id)
  if arrival and tonumber(arrival) > now then redis.call('SADD', p .. 'flight:corrections', flight_id) end
end
local any_pending = redis.call('ZCOUNT', arrived_key, '(' .. ARGV[2], '+inf') > 0
for i = 3, #ARGV, 4 do
  local id, dep, arr, bags = ARGV[i], ARGV[i + 1], ARGV[i + 2], ARGV[i + 3]
  local key = p .. 'flight:id:' .. id
  local old = redis.call('HMGET', key, 'departure_time', 'arrival_time', 'bags')
  if old[1] == dep and old[2] == arr and old[3] == bags then
    unchanged = unchanged + 1
  else
    redis.call('HSET', key, 'departure_time', dep, 'arrival_time', arr, 'bags', bags)
    if not old[1] then
      created = created + 1
      redis.call('INCR', p .. 'flight:count')
    else
      updated = updated + 1
    end
    if redis.call('ZSCORE', arrived_key, id) then
      redis.call('ZADD', arrived_key, arr, id)
      mark_if_pending(id)
    else
      redis.call('ZADD', p .. 'flight:arrival_times', arr, id)
    end
    -- A new (or rescheduled) flight may be the next leg of bags on a flight whose item is already out.
    if any_pending and old[1] ~= dep then
      for _, bag in ipairs(cjson.decode(bags)) do
        local itinerary = redis.call('HGET', p .. 'bag:id:' .. bag, 'flights')
        if itinerary then
          local legs = cjson.decode(itinerary)
          for j = 2, #legs do
            if legs[j] == id then mark_if_pending(legs[j - 1]) end
          end
        end
      end
    end
  end
end
return { created, updated, unchanged }
