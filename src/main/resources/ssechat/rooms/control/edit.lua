-- Replaces the text of a message by its author while the message is young enough, and tells every
-- node, atomically. A stream entry cannot change, so the message as it now reads is kept in the
-- room's edits hash, which reads of history consult (range.lua).
-- KEYS[1] history stream, KEYS[2] the room's edits hash, KEYS[3] the room's channel
-- ARGV[1] message id, ARGV[2] author, ARGV[3] JSON fragment "room":..,"user":..,"text":..,
-- ARGV[4] how long after posting an edit is allowed, in ms
-- Returns {1, json}; {0} no such message, {-1} someone else's, {-2} too late.
local entry = redis.call('XRANGE', KEYS[1], ARGV[1], ARGV[1])[1]
if not entry then
  return {0}
end
-- fields: u (author) first, as post.lua writes them
if entry[2][2] ~= ARGV[2] then
  return {-1}
end
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local millis = string.match(ARGV[1], '^%d+')
if now - tonumber(millis) > tonumber(ARGV[4]) then
  return {-2}
end
local json = '{"id":"' .. ARGV[1] .. '",' .. ARGV[3] .. ',"ts":' .. millis .. ',"editedTs":' .. string.format('%d', now) .. '}'
-- edits of messages that history has trimmed away since are dropped here
local oldest = redis.call('XRANGE', KEYS[1], '-', '+', 'COUNT', 1)[1][1]
local function before(a, b)
  local am, as = string.match(a, '^(%d+)-(%d+)$')
  local bm, bs = string.match(b, '^(%d+)-(%d+)$')
  am, bm = tonumber(am), tonumber(bm)
  return am < bm or (am == bm and tonumber(as) < tonumber(bs))
end
for _, id in ipairs(redis.call('HKEYS', KEYS[2])) do
  if before(id, oldest) then
    redis.call('HDEL', KEYS[2], id)
  end
end
redis.call('HSET', KEYS[2], ARGV[1], json)
redis.call('PUBLISH', KEYS[3], 'edit - ' .. json)
return {1, json}
