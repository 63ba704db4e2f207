-- Counts a stream in against each of its caps (a user's, a client address's), or refuses it when
-- one is full. Each cap is a hash of streams per node; a node whose alive key has expired counts
-- no more (its field is removed here, and the presence reaper removes the rest).
-- KEYS[1] this node's stream counts (cap key -> streams here), KEYS[2..] the caps' hashes
-- ARGV[1] this node's id, ARGV[2], ARGV[3] what goes before and after a node id in its alive key,
-- ARGV[4..] the limit of each cap, in the order of KEYS[2..]
-- Returns 0 when counted in, else the position (1, 2, ...) of the first cap that is full.
for i = 2, #KEYS do
  local counts = redis.call('HGETALL', KEYS[i])
  local total = 0
  for j = 1, #counts, 2 do
    local node = counts[j]
    if node == ARGV[1] or redis.call('EXISTS', ARGV[2] .. node .. ARGV[3]) == 1 then
      total = total + tonumber(counts[j + 1])
    else
      redis.call('HDEL', KEYS[i], node)
    end
  end
  if total >= tonumber(ARGV[i + 2]) then
    return i - 1
  end
end
for i = 2, #KEYS do
  redis.call('HINCRBY', KEYS[i], ARGV[1], 1)
  redis.call('HINCRBY', KEYS[1], KEYS[i], 1)
end
return 0
