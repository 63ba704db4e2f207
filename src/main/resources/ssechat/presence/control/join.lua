-- Counts one more stream of a user in a room, on this node and in total; announces the user's
-- first stream in the room with a join event, and marks the room active in the room directory.
-- KEYS[1] the room's online hash (user -> streams on all nodes), KEYS[2] this node's streams hash,
-- KEYS[3] the room directory
-- ARGV[1] user, ARGV[2] room, ARGV[3] room channel, ARGV[4] join event JSON
redis.call('HINCRBY', KEYS[2], ARGV[2] .. ' ' .. ARGV[1], 1)
local time = redis.call('TIME')
redis.call('ZADD', KEYS[3], string.format('%d', tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)), ARGV[2])
if redis.call('HINCRBY', KEYS[1], ARGV[1], 1) == 1 then
  redis.call('PUBLISH', ARGV[3], 'join - ' .. ARGV[4])
  return 1
end
return 0
