-- Takes a node's streams out of one room's presence, announcing leave for users who had no stream
-- left anywhere. Room and user names cannot hold quotes or spaces, so the JSON is safe to assemble here.
-- KEYS[1] the room's online hash, KEYS[2] the room's streams of the node, KEYS[3] the room's channel
-- ARGV[1] room, ARGV[2] now in ms
-- Returns how many users' streams were taken out.
local fields = redis.call('HGETALL', KEYS[2])
for i = 1, #fields, 2 do
  local user = fields[i]
  if redis.call('HINCRBY', KEYS[1], user, -tonumber(fields[i + 1])) <= 0 then
    redis.call('HDEL', KEYS[1], user)
    redis.call('PUBLISH', KEYS[3],
      'leave - {"room":"' .. ARGV[1] .. '","user":"' .. user .. '","ts":' .. ARGV[2] .. '}')
  end
end
redis.call('DEL', KEYS[2])
return #fields / 2
