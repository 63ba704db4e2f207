-- Removes a message from the room's history and tells every node, atomically.
-- KEYS[1] history stream, KEYS[2] the room's edits hash, KEYS[3] the room's channel
-- ARGV[1] message id, ARGV[2] delete event JSON, ARGV[3] (optional) author:
-- only their own message may then go.
-- Returns 1 when the message existed and was removed, 0 when there was none, -1 when it is someone else's.
if ARGV[3] then
  local entry = redis.call('XRANGE', KEYS[1], ARGV[1], ARGV[1])[1]
  if not entry then
    return 0
  end
  if entry[2][2] ~= ARGV[3] then
    return -1
  end
end
local removed = redis.call('XDEL', KEYS[1], ARGV[1])
if removed == 1 then
  redis.call('HDEL', KEYS[2], ARGV[1])
  redis.call('PUBLISH', KEYS[3], 'delete - ' .. ARGV[2])
end
return removed
