-- Adds ARGV[1] (1 or -1) to each field ARGV[2..] of the hash KEYS[1]; a field that reaches zero goes.
-- A count never goes below zero: after a reap or a Redis that lost its data, there is nothing left
-- to give back. Counts streams in and out of a cap (field: the node) and of a node's record
-- (field: the cap's key).
for i = 2, #ARGV do
  if redis.call('HINCRBY', KEYS[1], ARGV[i], ARGV[1]) <= 0 then
    redis.call('HDEL', KEYS[1], ARGV[i])
  end
end
return 0
