-- Counts one stream less; announces a leave when it was the user's last stream in the room.
-- A node that was reaped meanwhile has nothing left to give back, and changes nothing.
-- KEYS[1] the room's online hash, KEYS[2] the room's streams of this node, KEYS[3] the room's channel
-- ARGV[1] user, ARGV[2] leave event JSON
local mine = redis.call('HINCRBY', KEYS[2], ARGV[1], -1)
if mine <= 0 then
  redis.call('HDEL', KEYS[2], ARGV[1])
end
if mine < 0 then
  return 0
end
local total = redis.call('HINCRBY', KEYS[1], ARGV[1], -1)
if total <= 0 then
  redis.call('HDEL', KEYS[1], ARGV[1])
  redis.call('PUBLISH', KEYS[3], 'leave - ' .. ARGV[2])
  return 1
end
return 0
