-- The room directory, most recently active first: each room with its online count and newest
-- message id. A room with no history left and nobody online is taken off the directory here.
-- KEYS[1] the directory (room -> last activity)
-- ARGV[1] how many rooms, ARGV[2] history key prefix, ARGV[3] online hash key prefix
-- Returns {room, online, newest id or ''} for each room, flat.
local wanted = tonumber(ARGV[1])
local out = {}
local found = 0
local position = 0
while found < wanted do
  local rooms = redis.call('ZREVRANGE', KEYS[1], position, position + 99)
  if #rooms == 0 then
    break
  end
  for _, room in ipairs(rooms) do
    if found < wanted then
      local online = redis.call('HLEN', ARGV[3] .. room)
      local newest = redis.call('XREVRANGE', ARGV[2] .. room, '+', '-', 'COUNT', 1)[1]
      if online == 0 and not newest then
        -- the rooms after it move up by one: position stays
        redis.call('ZREM', KEYS[1], room)
      else
        position = position + 1
        found = found + 1
        out[#out + 1] = room
        out[#out + 1] = online
        out[#out + 1] = newest and newest[1] or ''
      end
    end
  end
end
return out
