-- baggage/purge_arrived v1: retention. Removes up to ARGV[3] flights of flight:arrived that arrived before ARGV[2],
-- and each of their bags once no stored leg of its itinerary is newer than the cutoff (a bag with a later leg still
-- in Redis stays until that leg is purged too). KEYS[1] = <prefix>flight:arrived, ARGV[1] = key prefix.
-- Keeps flight:count and bag:count in step. Returns { flights removed, bags removed }.
local p = ARGV[1]
local cutoff = tonumber(ARGV[2])
local ids = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', '(' .. ARGV[2], 'LIMIT', 0, tonumber(ARGV[3]))
local flights, bags = 0, 0
local function leg_gone(leg)
  if redis.call('EXISTS', p .. 'flight:id:' .. leg) == 0 then return true end
  local arrival = redis.call('ZSCORE', KEYS[1], leg)
  return arrival ~= false and arrival ~= nil and tonumber(arrival) < cutoff
end
for _, id in ipairs(ids) do
  local key = p .. 'flight:id:' .. id
  local list = redis.call('HGET', key, 'bags')
  if list then
    for _, bag in ipairs(cjson.decode(list)) do
      local bag_key = p .. 'bag:id:' .. bag
      local itinerary = redis.call('HGET', bag_key, 'flights')
      if itinerary then
        local removable = true
        for _, leg in ipairs(cjson.decode(itinerary)) do
          if leg ~= id and not leg_gone(leg) then removable = false break end
        end
        if removable then
          redis.call('DEL', bag_key)
          redis.call('DECR', p .. 'bag:count')
          bags = bags + 1
        end
      end
    end
    redis.call('DEL', key)
    redis.call('DECR', p .. 'flight:count')
    flights = flights + 1
  end
  redis.call('ZREM', KEYS[1], id)
  redis.call('ZREM', p .. 'flight:unpublished', id)
  redis.call('SREM', p .. 'flight:corrections', id)
end
return { flights, bags }
