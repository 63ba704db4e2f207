package ssechat.sessions.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import redis.clients.jedis.UnifiedJedis;
import ssechat.redis.control.Keys;

/**
 * Sessions logged out before the key layout with hash tags: their revocations name no user, so
 * they wait in one set ({@link Keys#LEGACY_REVOKED}) until their tokens expire, and a token is
 * checked against it apart from the session script. Once the set has expired (or never existed)
 * no check costs a round trip.
 */
@ApplicationScoped
public class LegacyRevocations {

    @Inject
    UnifiedJedis redis;

    /** Until when (epoch ms) the set may hold a session; -1 until first read. */
    private volatile long checkUntil = -1;

    public boolean revoked(String sessionId) {
        long now = System.currentTimeMillis();
        if (checkUntil < 0) {
            long lives = redis.pttl(Keys.LEGACY_REVOKED);
            checkUntil = lives > 0 ? now + lives : 0;
        }
        if (now >= checkUntil) {
            return false;
        }
        Double expires = redis.zscore(Keys.LEGACY_REVOKED, sessionId);
        return expires != null && expires > now;
    }
}
