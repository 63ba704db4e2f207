-- Counts a stream in against one cap (a user's or a client address's), or refuses it when the cap
-- is full. A cap is a hash of streams per node; a node that is not alive counts no more (its field
-- is removed here, and the presence reaper removes the rest).
-- KEYS[1] the cap's hash; ARGV[1] this node's id, ARGV[2] the limit, ARGV[3..] the live nodes
-- Returns 1 when counted in, 0 when full.
local live = {}
for i = 3, #ARGV do
  live[ARGV[i]] = true
end
local counts = redis.call('HGETALL', KEYS[1])
local total = 0
for j = 1, #counts, 2 do
  local node = counts[j]
  if node == ARGV[1] or live[node] then
    total = total + tonumber(counts[j + 1])
  else
    redis.call('HDEL', KEYS[1], node)
  end
end
if total >= tonumber(ARGV[2]) then
  return 0
end
redis.call('HINCRBY', KEYS[1], ARGV[1], 1)
return 1
