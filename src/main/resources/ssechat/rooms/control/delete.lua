-- Removes a message from the room's history and tells every node, atomically.
-- KEYS[1] history stream; ARGV[1] message id, ARGV[2] room channel, ARGV[3] delete event JSON
-- Returns 1 when the message existed.
local removed = redis.call('XDEL', KEYS[1], ARGV[1])
if removed == 1 then
  redis.call('PUBLISH', ARGV[2], 'delete - ' .. ARGV[3])
end
return removed
