-- Bans a name: records the ban until it runs out, and ends the session that holds the name (its
-- token is refused even once the ban has run out), freeing the name for after the ban.
-- Every key is the user's (one hash-tag slot); the caller reads the holder first, so that its
-- revocation key can be named here, and this script checks that it is still the holder.
-- KEYS[1] the ban, KEYS[2] the name claim, KEYS[3] (when a session held the name) its revocation
-- ARGV[1] the ban's JSON, ARGV[2] when it runs out (epoch ms), ARGV[3] the holder the caller read, or ''
-- Returns 1 when a session held the name, 0 when none did, -1 when the holder changed meanwhile
-- (nothing is written: read it again).
local holder = redis.call('GET', KEYS[2])
if (holder or '') ~= ARGV[3] then
  return -1
end
redis.call('SET', KEYS[1], ARGV[1], 'PXAT', ARGV[2])
if not holder then
  return 0
end
local ttl = redis.call('PTTL', KEYS[2])
if ttl > 0 then
  redis.call('SET', KEYS[3], '1', 'PX', ttl)
end
redis.call('DEL', KEYS[2])
return 1
