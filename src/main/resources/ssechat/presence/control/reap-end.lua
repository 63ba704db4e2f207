-- Ends a reap: frees the lock and, for a dead node, forgets it, so that if it comes back its next
-- refresh finds it unlisted and it counts its streams again.
-- KEYS[1] node ids scored by when they stop counting as alive (ms), KEYS[2] the node's reaping lock
-- ARGV[1] node id, ARGV[2] '1' to forget the node
if ARGV[2] == '1' then
  redis.call('ZREM', KEYS[1], ARGV[1])
end
redis.call('DEL', KEYS[2])
return 0
