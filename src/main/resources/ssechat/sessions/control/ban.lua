-- Bans a name: records the ban until it runs out, and ends the session that holds the name (its
-- token is refused even once the ban has run out), freeing the name for after the ban.
-- KEYS[1] the ban, KEYS[2] the index of bans, KEYS[3] the name claim
-- ARGV[1] the ban's JSON, ARGV[2] when it runs out (epoch ms), ARGV[3] the claim form,
-- ARGV[4] the revocation key of the session that holds the name, less the session id
-- Returns 1 when a session held the name, else 0.
redis.call('SET', KEYS[1], ARGV[1], 'PXAT', ARGV[2])
redis.call('ZADD', KEYS[2], ARGV[2], ARGV[3])
local holder = redis.call('GET', KEYS[3])
if not holder then
  return 0
end
local ttl = redis.call('PTTL', KEYS[3])
if ttl > 0 then
  redis.call('SET', ARGV[4] .. holder, '1', 'PX', ttl)
end
redis.call('DEL', KEYS[3])
return 1
