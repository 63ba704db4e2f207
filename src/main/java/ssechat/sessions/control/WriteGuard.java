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
    @Inject
    ClientAddress clientAddress;

    public void admit(Session session, HttpServletRequest request, Bucket bucket) {
        SessionCheck check = SessionCheck.of(session);
        List<String> keys = new ArrayList<>(check.keys());
        keys.add(Keys.rate(bucket.key() + ":user", session.name()));
        keys.add(Keys.rate(bucket.key() + ":addr", clientAddress.of(request)));
        List<String> args = new ArrayList<>(check.args());
        args.addAll(List.of(window(), String.valueOf(config.rateUser()), String.valueOf(config.rateAddress())));
        run(keys, args);
    }

    public void admitAnonymous(HttpServletRequest request, Bucket bucket) {
        run(List.of(Keys.rate(bucket.key() + ":addr", clientAddress.of(request))),
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
