-- The figures of each given node whose figures have not expired.
-- All keys are in the figures' one hash-tag slot; the caller names the nodes it read from KEYS[1].
-- KEYS[1] sorted set of node ids scored by expiry (ms), KEYS[1 + i] the figures of node ARGV[i]
-- Returns node id, figures JSON, node id, figures JSON, ...
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local result = {}
for i, node in ipairs(ARGV) do
  local expires = redis.call('ZSCORE', KEYS[1], node)
  local figures = redis.call('GET', KEYS[i + 1])
  if expires and tonumber(expires) >= now and figures then
    result[#result + 1] = node
    result[#result + 1] = figures
  end
end
return result
