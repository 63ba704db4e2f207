-- Claims a name for a new session, unless the name is banned or held by another session.
-- KEYS[1] name claim, KEYS[2] the name's ban; ARGV[1] session id, ARGV[2] token expiry (epoch s)
-- Returns the ban (its JSON) when the name is banned, 1 when claimed, 0 when the name is held.
local ban = redis.call('GET', KEYS[2])
if ban then
  return ban
end
if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'EXAT', ARGV[2]) then
  return 1
end
return 0
