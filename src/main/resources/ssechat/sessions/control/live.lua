-- Whether a token's session may act (session_state, prepended): used when a stream opens.
-- KEYS[1] name claim, KEYS[2] revocation, KEYS[3] ban; ARGV[1] session id, ARGV[2] token expiry (epoch s)
return session_state(KEYS[1], KEYS[2], KEYS[3], ARGV[1], ARGV[2])
