-- Reads a range of a room's history with each edited message as it now reads, in one round trip.
-- KEYS[1] history stream, KEYS[2] the room's edits hash
-- ARGV[1] XRANGE or XREVRANGE, ARGV[2] start, ARGV[3] end, ARGV[4] count
-- Returns {id, fragment, edited JSON or ''} for each entry, flat.
local entries = redis.call(ARGV[1], KEYS[1], ARGV[2], ARGV[3], 'COUNT', ARGV[4])
local out = {}
if #entries == 0 then
  return out
end
local edited = {}
if redis.call('EXISTS', KEYS[2]) == 1 then
  local ids = {}
  for i, entry in ipairs(entries) do
    ids[i] = entry[1]
  end
  edited = redis.call('HMGET', KEYS[2], unpack(ids))
end
for i, entry in ipairs(entries) do
  local fields = entry[2]
  local fragment = ''
  for f = 1, #fields, 2 do
    if fields[f] == 'j' then
      fragment = fields[f + 1]
    end
  end
  out[#out + 1] = entry[1]
  out[#out + 1] = fragment
  out[#out + 1] = edited[i] or ''
end
return out
