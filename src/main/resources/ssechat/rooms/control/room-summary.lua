-- A room's line in the directory: its online count and newest message id, in one round trip.
-- KEYS[1] the room's online hash, KEYS[2] its history stream (one hash-tag slot)
-- Returns {online, newest id or ''}.
local newest = redis.call('XREVRANGE', KEYS[2], '+', '-', 'COUNT', 1)[1]
return {redis.call('HLEN', KEYS[1]), newest and newest[1] or ''}
