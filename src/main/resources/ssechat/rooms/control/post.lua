-- Appends a message to the room's history and publishes it, atomically, so that history order
-- and live order agree. The message JSON is assembled here because only XADD knows the id.
-- KEYS[1] history stream, KEYS[2] room directory, KEYS[3] (optional) idempotency key
-- ARGV[1] history max length, ARGV[2] author, ARGV[3] JSON fragment "room":..,"user":..,"text":..
-- ARGV[4] room channel, ARGV[5] idempotency lifetime in seconds, ARGV[6] room
-- Returns {1, json} for a new message, {0, json} for a repeated idempotency key.
-- Only a message counts as an earlier answer: typing calls once kept their keys here too (as
-- "typing:<key>" = "1", for up to a day after an upgrade), and such a value is overwritten.
if #KEYS == 3 then
  local earlier = redis.call('GET', KEYS[3])
  if earlier and string.sub(earlier, 1, 1) == '{' then
    return {0, earlier}
  end
end
local id = redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[1], '*', 'u', ARGV[2], 'j', ARGV[3])
local millis = string.match(id, '^%d+')
local json = '{"id":"' .. id .. '",' .. ARGV[3] .. ',"ts":' .. millis .. '}'
redis.call('PUBLISH', ARGV[4], 'message ' .. id .. ' ' .. json)
redis.call('ZADD', KEYS[2], millis, ARGV[6])
if #KEYS == 3 then
  redis.call('SET', KEYS[3], json, 'EX', ARGV[5])
end
return {1, json}
