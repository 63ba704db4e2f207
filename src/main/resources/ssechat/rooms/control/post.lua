-- Appends a message to the room's history and publishes it, atomically, so that history order
-- and live order agree. The message JSON is assembled here because only XADD knows the id.
-- Every key is the room's (one hash-tag slot); the caller marks the room active in the directory
-- afterwards, with the message's time.
-- KEYS[1] history stream, KEYS[2] room channel, KEYS[3] (optional) idempotency key
-- ARGV[1] history max length, ARGV[2] author, ARGV[3] JSON fragment "room":..,"user":..,"text":..
-- ARGV[4] idempotency lifetime in seconds
-- Returns {1, json} for a new message, {0, json} for a repeated idempotency key.
if #KEYS == 3 then
  local earlier = redis.call('GET', KEYS[3])
  if earlier then
    return {0, earlier}
  end
end
local id = redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[1], '*', 'u', ARGV[2], 'j', ARGV[3])
local millis = string.match(id, '^%d+')
local json = '{"id":"' .. id .. '",' .. ARGV[3] .. ',"ts":' .. millis .. '}'
redis.call('PUBLISH', KEYS[2], 'message ' .. id .. ' ' .. json)
if #KEYS == 3 then
  redis.call('SET', KEYS[3], json, 'EX', ARGV[4])
end
return {1, json}
