-- Whether an admin sign-in may be tried now, asked before the password is compared.
-- KEYS[1], KEYS[2] the blocks of the client address and of the user name; KEYS[3], KEYS[4] their
-- failure counts.
-- Returns {ms until both blocks end (0: none), 1 when failures are counted for either}.
local wait = math.max(redis.call('PTTL', KEYS[1]), redis.call('PTTL', KEYS[2]), 0)
local counted = 0
if redis.call('EXISTS', KEYS[3], KEYS[4]) > 0 then
  counted = 1
end
return {wait, counted}
