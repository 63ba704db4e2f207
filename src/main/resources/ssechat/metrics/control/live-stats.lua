-- The figures of every node whose figures have not expired, sorted by node id.
-- KEYS[1] sorted set of node ids scored by expiry (ms); ARGV[1] prefix of the per-node keys
-- Returns node id, figures JSON, node id, figures JSON, ...
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local nodes = redis.call('ZRANGEBYSCORE', KEYS[1], now, '+inf')
table.sort(nodes)
local result = {}
for _, node in ipairs(nodes) do
  local figures = redis.call('GET', ARGV[1] .. node)
  if figures then
    result[#result + 1] = node
    result[#result + 1] = figures
  end
end
return result
