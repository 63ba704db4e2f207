-- Admits a write as far as one slot goes: the session may act (session_state, prepended) and each
-- rate counter (a fixed window per user or per client address) is within its limit. The caller runs
-- it for the user's slot (session and the user's counter), then for the address's counter alone.
-- KEYS[1], KEYS[2], KEYS[3] the name claim, the revocation and the name's ban (only when ARGV[1]
-- is a session id), then the rate counters
-- ARGV[1] session id or '', ARGV[2] token expiry (epoch s) or '', ARGV[3] window in ms,
-- ARGV[4..] the limit of each counter in order
-- Returns session_state's refusal (-1 ended or banned, -2 name taken), 0 when admitted, else the ms until
-- the exceeded window ends.
local first = 1
if ARGV[1] ~= '' then
  local state = session_state(KEYS[1], KEYS[2], KEYS[3], ARGV[1], ARGV[2])
  if state < 0 then
    return state
  end
  first = 4
end
for i = first, #KEYS do
  local count = redis.call('INCR', KEYS[i])
  if count == 1 then
    redis.call('PEXPIRE', KEYS[i], ARGV[3])
  end
  if count > tonumber(ARGV[4 + i - first]) then
    local ttl = redis.call('PTTL', KEYS[i])
    if ttl < 1 then
      ttl = tonumber(ARGV[3])
    end
    return ttl
  end
end
return 0
