-- The nodes alive now, by Redis's clock. KEYS[1] node ids scored by when they stop counting as alive (ms).
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
return redis.call('ZRANGEBYSCORE', KEYS[1], string.format('%d', now), '+inf')
