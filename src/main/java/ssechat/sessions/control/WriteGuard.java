package ssechat.sessions.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import redis.clients.jedis.UnifiedJedis;
import ssechat.config.ChatConfig;
import ssechat.http.ApiException;
import ssechat.http.ClientAddress;
import ssechat.redis.control.Keys;
import ssechat.redis.control.LuaScript;
import ssechat.sessions.entity.Session;
import ssechat.sessions.entity.UserName;

/**
 * Decides, in two Redis round trips, whether a write goes ahead: the session may act (it holds its
 * name, or claims it again, and has not ended) and neither the user nor the client address is
 * over its rate limit. Limits hold across all nodes.
 */
@ApplicationScoped
public class WriteGuard {

    private static final LuaScript GUARD = LuaScript.of(SessionCheck.LUA + LuaScript.read(WriteGuard.class, "guard.lua"));

    @Inject
    UnifiedJedis redis;
    @Inject
    ChatConfig config;
    @Inject
    ClientAddress clientAddress;
    @Inject
    LegacyRevocations legacy;

    /**
     * The session and the user's counter are checked in the user's slot, then the address's counter
     * in the address's: as before, a refused session counts against neither, and a user over the
     * limit not against the address.
     */
    public void admit(Session session, HttpServletRequest request, Bucket bucket) {
        if (legacy.revoked(session.id())) {
            SessionCheck.enforce(SessionCheck.REVOKED);
        }
        SessionCheck check = SessionCheck.of(session);
        List<String> keys = new ArrayList<>(check.keys());
        keys.add(Keys.userRate(UserName.claimForm(session.name()), bucket.key()));
        List<String> args = new ArrayList<>(check.args());
        args.addAll(List.of(window(), String.valueOf(config.rateUser())));
        run(keys, args);
        admitAddress(request, bucket, config.rateAddress());
    }

    public void admitAnonymous(HttpServletRequest request, Bucket bucket) {
        admitAddress(request, bucket, config.rateSessions());
    }

    private void admitAddress(HttpServletRequest request, Bucket bucket, int limit) {
        run(List.of(Keys.addressRate(clientAddress.of(request), bucket.key())), List.of("", "", window(), String.valueOf(limit)));
    }

    private void run(List<String> keys, List<String> args) {
        long verdict = (Long) GUARD.run(redis, keys, args);
        SessionCheck.enforce(Math.min(verdict, 0));
        if (verdict > 0) {
            throw ApiException.tooManyRequests(Duration.ofMillis(verdict));
        }
    }

    private String window() {
        return String.valueOf(config.rateWindow().toMillis());
    }
}
