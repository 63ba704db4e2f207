-- Forwards a typing signal at most once per user per room per throttle period, and never twice
-- for the same idempotency key.
-- KEYS[1] throttle key, KEYS[2] (optional) idempotency key
-- ARGV[1] throttle in ms, ARGV[2] room channel, ARGV[3] typing event JSON, ARGV[4] idempotency lifetime in s
if #KEYS == 2 and not redis.call('SET', KEYS[2], '1', 'NX', 'EX', ARGV[4]) then
  return 0
end
if not redis.call('SET', KEYS[1], '1', 'NX', 'PX', ARGV[1]) then
  return 0
end
redis.call('PUBLISH', ARGV[2], 'typing - ' .. ARGV[3])
return 1
