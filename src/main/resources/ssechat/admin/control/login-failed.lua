-- Counts a failed admin sign-in against one subject (a client address or a user name; the caller
-- counts each in its own slot). From the ARGV[1]-th failure on, each one blocks the subject for
-- ARGV[3] ms, doubled per further failure, at most ARGV[4] ms; the count is forgotten ARGV[2] ms
-- after the last failure.
-- KEYS[1] the failure count, KEYS[2] the block, KEYS[3] (an address only) set while this
-- address's throttling has been logged in this window; ARGV[5] (an address only) the block the
-- user name tried got just now, in ms, which is logged with the address too.
-- Returns {block in ms (0: none), 1 when the address should be logged now, the failures}.
local allowed, window = tonumber(ARGV[1]), tonumber(ARGV[2])
local count = redis.call('INCR', KEYS[1])
redis.call('PEXPIRE', KEYS[1], window)
local block = 0
if count >= allowed then
  block = math.min(tonumber(ARGV[3]) * 2 ^ math.min(count - allowed, 40), tonumber(ARGV[4]))
  redis.call('SET', KEYS[2], '1', 'PX', string.format('%d', block))
end
local log = 0
if KEYS[3] and math.max(block, tonumber(ARGV[5])) > 0 and redis.call('SET', KEYS[3], '1', 'PX', window, 'NX') then
  log = 1
end
return {block, log, count}
