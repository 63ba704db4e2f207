-- Counts a stream out of each of its caps. A count never goes below zero: after a reap or a
-- Redis that lost its data, there is nothing left to give back.
-- KEYS[1] this node's stream counts, KEYS[2..] the caps' hashes; ARGV[1] this node's id
for i = 2, #KEYS do
  if redis.call('HINCRBY', KEYS[i], ARGV[1], -1) <= 0 then
    redis.call('HDEL', KEYS[i], ARGV[1])
  end
  if redis.call('HINCRBY', KEYS[1], KEYS[i], -1) <= 0 then
    redis.call('HDEL', KEYS[1], KEYS[i])
  end
end
return 0
