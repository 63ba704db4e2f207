-- Whether an admin sign-in may be tried now by one subject (a client address or a user name),
-- asked before the password is compared. The caller asks for each subject in its own slot.
-- KEYS[1] the subject's block, KEYS[2] its failure count.
-- Returns {ms until the block ends (0: none), 1 when failures are counted}.
return {math.max(redis.call('PTTL', KEYS[1]), 0), redis.call('EXISTS', KEYS[2])}
