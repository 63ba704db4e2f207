-- Keeps a node alive for another period, by Redis's clock.
-- KEYS[1] node ids scored by when they stop counting as alive (ms)
-- ARGV[1] node id, ARGV[2] period in ms, ARGV[3] 'XX' to only shorten or lengthen the life of a
-- listed node (a node that stops).
-- Returns 1 when the node was not listed: it is new, or it was reaped (a long pause, or Redis
-- lost its data) and must count its streams again.
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local score = string.format('%d', now + tonumber(ARGV[2]))
if ARGV[3] == 'XX' then
  return redis.call('ZADD', KEYS[1], 'XX', score, ARGV[1])
end
return redis.call('ZADD', KEYS[1], score, ARGV[1])
