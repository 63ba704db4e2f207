-- Deletes a name claim only if it still belongs to the given session.
-- KEYS[1] name claim; ARGV[1] session id
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0
