-- Counts a failed admin sign-in against the client address and the user name. From the
-- ARGV[1]-th failure on, each one blocks its subject for ARGV[3] ms, doubled per further failure,
-- at most ARGV[4] ms; counts are forgotten ARGV[2] ms after the last failure.
-- KEYS[1], KEYS[2] failure counts (address, user); KEYS[3], KEYS[4] blocks (address, user);
-- KEYS[5] set while this address's throttling has been logged in this window.
-- Returns {longest block in ms (0: none), 1 when the address should be logged now, the failures
-- of the address, those of the user name}.
local allowed, window = tonumber(ARGV[1]), tonumber(ARGV[2])
local longest, counts = 0, {}
for i = 1, 2 do
  counts[i] = redis.call('INCR', KEYS[i])
  redis.call('PEXPIRE', KEYS[i], window)
  if counts[i] >= allowed then
    local block = math.min(tonumber(ARGV[3]) * 2 ^ math.min(counts[i] - allowed, 40), tonumber(ARGV[4]))
    redis.call('SET', KEYS[i + 2], '1', 'PX', string.format('%d', block))
    longest = math.max(longest, block)
  end
end
local log = 0
if longest > 0 and redis.call('SET', KEYS[5], '1', 'PX', window, 'NX') then
  log = 1
end
return {longest, log, counts[1], counts[2]}
