-- Whether the caller may reap a node now: the node is not alive (or the caller is the node itself,
-- ARGV[2] '1'), and no other node is reaping it. The lock expires, so a reaper that dies frees it.
-- KEYS[1] node ids scored by when they stop counting as alive (ms), KEYS[2] the node's reaping lock
-- ARGV[1] node id, ARGV[2] '1' to reap even a live node, ARGV[3] lock lifetime in ms
-- Returns 1 when the caller holds the lock, else 0.
if ARGV[2] ~= '1' then
  local time = redis.call('TIME')
  local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
  local alive = redis.call('ZSCORE', KEYS[1], ARGV[1])
  if alive and tonumber(alive) > now then
    return 0
  end
end
if redis.call('SET', KEYS[2], '1', 'NX', 'PX', ARGV[3]) then
  return 1
end
return 0
