-- Takes a node's streams out of every room's presence once the node has stopped answering
-- (its alive key expired), announcing leave for users who had no stream left anywhere.
-- Room and user names cannot hold quotes or spaces, so the JSON is safe to assemble here.
-- It also takes the node's streams out of the caps on open streams (per user, per address).
-- KEYS[1] the set of nodes, KEYS[2] the node's alive key, KEYS[3] the node's streams hash,
-- KEYS[4] the node's stream counts (cap key -> streams)
-- ARGV[1] node id, ARGV[2] now in ms, ARGV[3] '1' to reap even a live node (a restart of itself)
-- ARGV[4] online hash key prefix, ARGV[5] room channel prefix
if ARGV[3] ~= '1' and redis.call('EXISTS', KEYS[2]) == 1 then
  return 0
end
local fields = redis.call('HGETALL', KEYS[3])
for i = 1, #fields, 2 do
  local room, user = string.match(fields[i], '^(%S+) (%S+)$')
  local online = ARGV[4] .. room
  if redis.call('HINCRBY', online, user, -tonumber(fields[i + 1])) <= 0 then
    redis.call('HDEL', online, user)
    redis.call('PUBLISH', ARGV[5] .. room,
      'leave - {"room":"' .. room .. '","user":"' .. user .. '","ts":' .. ARGV[2] .. '}')
  end
end
local capped = redis.call('HKEYS', KEYS[4])
for i = 1, #capped do
  redis.call('HDEL', capped[i], ARGV[1])
end
redis.call('DEL', KEYS[3], KEYS[4])
redis.call('SREM', KEYS[1], ARGV[1])
return #fields / 2
