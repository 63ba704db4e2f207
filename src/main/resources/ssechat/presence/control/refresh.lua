-- Keeps this node alive for another period.
-- KEYS[1] the set of nodes, KEYS[2] this node's alive key; ARGV[1] node id, ARGV[2] period in ms
-- Returns 1 when the node was not listed: it is new, or it was reaped (a long pause, or Redis
-- lost its data) and must count its streams again.
redis.call('SET', KEYS[2], '1', 'PX', ARGV[2])
return redis.call('SADD', KEYS[1], ARGV[1])
