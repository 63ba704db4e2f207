-- Ends a session: records its revocation (until its token would expire) and gives its name back
-- if it still holds it. Never re-claims.
-- KEYS[1] name claim, KEYS[2] revocation (KEYS[3], the ban, is not read); ARGV[1] session id, ARGV[2] token expiry (epoch s)
-- Returns -1 when it had ended already, 1 when the name was the session's (or nobody's), 0 when
-- another session holds the name (after a data loss): then nothing of that name's may be closed.
if redis.call('EXISTS', KEYS[2]) == 1 then
  return -1
end
redis.call('SET', KEYS[2], '1', 'EXAT', ARGV[2])
local holder = redis.call('GET', KEYS[1])
if holder == ARGV[1] then
  redis.call('DEL', KEYS[1])
  return 1
end
if holder then
  return 0
end
return 1
