-- Takes a room off the directory unless it was active since the caller found it empty: a post or
-- a join meanwhile raised its score, and then it stays.
-- KEYS[1] the directory; ARGV[1] room, ARGV[2] the score it had when found empty
if redis.call('ZSCORE', KEYS[1], ARGV[1]) == ARGV[2] then
  return redis.call('ZREM', KEYS[1], ARGV[1])
end
return 0
