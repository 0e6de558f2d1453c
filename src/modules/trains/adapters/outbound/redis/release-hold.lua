-- Compare-and-delete: only the owner releases a hold. The owner's first-hold record stays (see hold-seats.lua).
-- KEYS[1] the seat key, KEYS[2] the owner's held seats across trips; ARGV[1] owner, ARGV[2] "<trip>|<seat>"
-- Returns 1 released, 0 not held (or expired), -1 held by someone else.
local v = redis.call('GET', KEYS[1])
if not v then return 0 end
if string.match(v, '^(.*)|') ~= ARGV[1] then return -1 end
redis.call('DEL', KEYS[1])
redis.call('ZREM', KEYS[2], ARGV[2])
return 1
