-- baggage/upsert_bags v1: upserts one consumed batch of the `bags` topic, atomically.
-- KEYS[1] = <prefix>bag:count. ARGV[1] = key prefix, ARGV[2] = now (unix seconds),
-- then per bag: id, flights (JSON array), n, and the n flight ids.
-- Counts only new bags. A new or changed itinerary marks its flights whose item is already out and that have not
-- landed in flight:corrections (the producer re-evaluates them). Returns { created, updated, unchanged }.
local p = ARGV[1]
local now = tonumber(ARGV[2])
local created, updated, unchanged = 0, 0, 0
local arrived_key = p .. 'flight:arrived'
local any_pending = redis.call('ZCOUNT', arrived_key, '(' .. ARGV[2], '+inf') > 0
local i = 3
while i <= #ARGV do
  local id, flights, n = ARGV[i], ARGV[i + 1], tonumber(ARGV[i + 2])
  local key = p .. 'bag:id:' .. id
  local old = redis.call('HGET', key, 'flights')
  if old == flights then
    unchanged = unchanged + 1
  else
    redis.call('HSET', key, 'flights', flights)
    if not old then
      created = created + 1
      redis.call('INCR', p .. 'bag:count')
    else
      updated = updated + 1
    end
    if any_pending then
      for j = i + 3, i + 2 + n do
        local arrival = redis.call('ZSCORE', arrived_key, ARGV[j])
        if arrival and tonumber(arrival) > now then redis.call('SADD', p .. 'flight:corrections', ARGV[j]) end
      end
    end
  end
  i = i + 3 + n
end
return { created, updated, unchanged }
