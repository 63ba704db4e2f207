-- Publishes a node's figures until they expire, and lists the node among those with figures.
-- KEYS[1] sorted set of node ids scored by expiry (ms), KEYS[2] this node's figures
-- ARGV[1] node id, ARGV[2] figures JSON, ARGV[3] lifetime in ms
-- Redis's clock, not the node's, so that nodes with skewed clocks agree on who is live.
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local lifetime = tonumber(ARGV[3])
redis.call('SET', KEYS[2], ARGV[2], 'PX', lifetime)
redis.call('ZADD', KEYS[1], now + lifetime, ARGV[1])
-- nodes gone for a minute leave the set for good
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - 60000)
return 1
