package ssechat.access.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import redis.clients.jedis.UnifiedJedis;
import ssechat.config.ChatConfig;
import ssechat.http.ApiException;
import ssechat.redis.control.Keys;
import ssechat.redis.control.LuaScript;
import ssechat.sessions.entity.Session;
import ssechat.sessions.entity.SessionCheck;

/**
 * Decides, in one Redis round trip, whether a write goes ahead: the session may act (it holds its
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

    public void admit(Session session, String address, Bucket bucket) {
        SessionCheck check = SessionCheck.of(session);
        List<String> keys = new ArrayList<>(check.keys());
        keys.add(Keys.rate(bucket.key() + ":user", session.name()));
        keys.add(Keys.rate(bucket.key() + ":addr", address));
        List<String> args = new ArrayList<>(check.args());
        args.addAll(List.of(window(), String.valueOf(config.rateUser()), String.valueOf(config.rateAddress())));
        run(keys, args);
    }

    public void admitAnonymous(String address, Bucket bucket) {
        run(List.of(Keys.rate(bucket.key() + ":addr", address)),
                List.of("", "", window(), String.valueOf(config.rateSessions())));
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
