-- The samples of each given node that kept one lately, each node's oldest first.
-- All keys are in the figures' one hash-tag slot; the caller names the nodes it read from KEYS[1].
-- KEYS[1] sorted set of node ids scored by their latest sample's time (ms), KEYS[1 + i] the samples
-- of node ARGV[1 + i]; ARGV[1] how far back in ms
-- Returns node id, {sample JSON, ...}, node id, {...}, ...
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local from = now - tonumber(ARGV[1])
local result = {}
for i = 2, #ARGV do
  local latest = redis.call('ZSCORE', KEYS[1], ARGV[i])
  if latest and tonumber(latest) >= from then
    local samples = redis.call('ZRANGEBYSCORE', KEYS[i], from, '+inf')
    if #samples > 0 then
      result[#result + 1] = ARGV[i]
      result[#result + 1] = samples
    end
  end
end
return result
