-- Forwards a typing signal at most once per user per room per throttle period, and never twice
-- for the same idempotency key. Every key is the room's (one hash-tag slot).
-- KEYS[1] throttle key, KEYS[2] room channel, KEYS[3] (optional) idempotency key
-- ARGV[1] throttle in ms, ARGV[2] typing event JSON, ARGV[3] idempotency lifetime in s
if #KEYS == 3 and not redis.call('SET', KEYS[3], '1', 'NX', 'EX', ARGV[3]) then
  return 0
end
if not redis.call('SET', KEYS[1], '1', 'NX', 'PX', ARGV[1]) then
  return 0
end
redis.call('PUBLISH', KEYS[2], 'typing - ' .. ARGV[2])
return 1
