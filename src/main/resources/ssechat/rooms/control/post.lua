-- Appends a message to the room's history and publishes it, atomically, so that history order
-- and live order agree. The message JSON is assembled here because only XADD knows the id.
-- KEYS[1] history stream, KEYS[2] (optional) idempotency key
-- ARGV[1] history max length, ARGV[2] author, ARGV[3] JSON fragment "room":..,"user":..,"text":..
-- ARGV[4] room channel, ARGV[5] idempotency lifetime in seconds
-- Returns {1, json} for a new message, {0, json} for a repeated idempotency key.
-- Only a message counts as an earlier answer: typing calls once kept their keys here too (as
-- "typing:<key>" = "1", for up to a day after an upgrade), and such a value is overwritten.
if #KEYS == 2 then
  local earlier = redis.call('GET', KEYS[2])
  if earlier and string.sub(earlier, 1, 1) == '{' then
    return {0, earlier}
  end
end
local id = redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[1], '*', 'u', ARGV[2], 'j', ARGV[3])
local json = '{"id":"' .. id .. '",' .. ARGV[3] .. ',"ts":' .. string.match(id, '^%d+') .. '}'
redis.call('PUBLISH', ARGV[4], 'message ' .. id .. ' ' .. json)
if #KEYS == 2 then
  redis.call('SET', KEYS[2], json, 'EX', ARGV[5])
end
return {1, json}
