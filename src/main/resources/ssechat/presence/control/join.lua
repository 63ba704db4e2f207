-- Counts one more stream of a user in a room, on this node and in total; announces the user's
-- first stream in the room with a join event. Every key is the room's (one hash-tag slot).
-- KEYS[1] the room's online hash (user -> streams on all nodes), KEYS[2] the room's streams of
-- this node (user -> streams here), KEYS[3] the room's channel
-- ARGV[1] user, ARGV[2] join event JSON
-- Returns {1 when the user joined, 0 when they were there already; now in ms, by Redis's clock}.
redis.call('HINCRBY', KEYS[2], ARGV[1], 1)
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local joined = 0
if redis.call('HINCRBY', KEYS[1], ARGV[1], 1) == 1 then
  redis.call('PUBLISH', KEYS[3], 'join - ' .. ARGV[2])
  joined = 1
end
return {joined, now}
