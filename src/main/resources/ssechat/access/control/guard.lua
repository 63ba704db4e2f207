-- Admits a write in one round trip: the session still holds its name, and each rate counter
-- (a fixed window per user or per client address) is within its limit.
-- KEYS[1] the name claim (only when ARGV[1] is a session id), then the rate counters
-- ARGV[1] session id or '', ARGV[2] window in ms, ARGV[3..] the limit of each counter in order
-- Returns -1 when the session is over, 0 when admitted, else the ms until the exceeded window ends.
local first = 1
if ARGV[1] ~= '' then
  if redis.call('GET', KEYS[1]) ~= ARGV[1] then
    return -1
  end
  first = 2
end
for i = first, #KEYS do
  local count = redis.call('INCR', KEYS[i])
  if count == 1 then
    redis.call('PEXPIRE', KEYS[i], ARGV[2])
  end
  if count > tonumber(ARGV[3 + i - first]) then
    local ttl = redis.call('PTTL', KEYS[i])
    if ttl < 1 then
      ttl = tonumber(ARGV[2])
    end
    return ttl
  end
end
return 0
