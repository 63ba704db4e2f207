-- Keeps one sample of a node's figures, and forgets samples older than the time kept or beyond the
-- most kept, so that the history stays bounded whatever the nodes send.
-- KEYS[1] sorted set of node ids scored by their latest sample's time (ms), KEYS[2] this node's samples
-- ARGV[1] node id, ARGV[2] sample JSON, ARGV[3] time kept in ms, ARGV[4] most samples kept
-- Scored by Redis's clock, so that nodes with skewed clocks agree on what is recent.
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local kept = tonumber(ARGV[3])
redis.call('ZADD', KEYS[2], now, ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now - kept)
redis.call('ZREMRANGEBYRANK', KEYS[2], 0, -(tonumber(ARGV[4]) + 1))
redis.call('PEXPIRE', KEYS[2], kept)
redis.call('ZADD', KEYS[1], now, ARGV[1])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - kept)
redis.call('PEXPIRE', KEYS[1], kept)
return 1
