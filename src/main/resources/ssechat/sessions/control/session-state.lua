-- Where the session of a signed, unexpired token stands; every script that acts for a token starts
-- with this function. A token needs no server-side state: when its name is free (Redis lost its
-- data, or the claim was made under an older key layout), the token claims it again.
-- claim: the name's claim key; revoked: the session's revocation key; ban: the name's ban key;
-- id: the session id; expires: the token's expiry (epoch seconds), which the claim keeps.
-- Returns 0 live, 1 re-claimed, -1 revoked (logged out, or the name is banned), -2 the name is
-- held by another session.
local function session_state(claim, revoked, ban, id, expires)
  if redis.call('EXISTS', revoked) == 1 or redis.call('EXISTS', ban) == 1 then
    return -1
  end
  local holder = redis.call('GET', claim)
  if holder == id then
    return 0
  end
  if holder then
    return -2
  end
  redis.call('SET', claim, id, 'EXAT', expires)
  return 1
end
