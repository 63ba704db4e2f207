-- The samples of every node that kept one lately, sorted by node id, each node's oldest first.
-- KEYS[1] sorted set of node ids scored by their latest sample's time (ms)
-- ARGV[1] prefix of the per-node sample keys, ARGV[2] how far back in ms
-- Returns node id, {sample JSON, ...}, node id, {...}, ...
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local from = now - tonumber(ARGV[2])
local nodes = redis.call('ZRANGEBYSCORE', KEYS[1], from, '+inf')
table.sort(nodes)
local result = {}
for _, node in ipairs(nodes) do
  local samples = redis.call('ZRANGEBYSCORE', ARGV[1] .. node, from, '+inf')
  if #samples > 0 then
    result[#result + 1] = node
    result[#result + 1] = samples
  end
end
return result
