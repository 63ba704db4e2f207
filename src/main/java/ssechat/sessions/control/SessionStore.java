package ssechat.sessions.control;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response.Status;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.SetParams;
import ssechat.config.ChatConfig;
import ssechat.http.ApiException;
import ssechat.redis.control.Keys;
import ssechat.redis.control.LuaScript;
import ssechat.sessions.entity.Session;
import ssechat.sessions.entity.UserName;

/** Names claimed in Redis for as long as their session lives, so that no two people hold one name. */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class SessionStore {

    private static final LuaScript RELEASE = LuaScript.load(SessionStore.class, "release.lua");
    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    UnifiedJedis redis;
    @Inject
    ChatConfig config;

    public Session open(String name) {
        byte[] id = new byte[18];
        RANDOM.nextBytes(id);
        Session session = new Session(name, Base64.getUrlEncoder().withoutPadding().encodeToString(id),
                Instant.now().plus(config.sessionLifetime()).truncatedTo(ChronoUnit.SECONDS));
        String claimed = redis.set(claimKeyOf(name), session.id(),
                SetParams.setParams().nx().exAt(session.expiresAt().getEpochSecond()));
        if (claimed == null) {
            throw new ApiException(Status.CONFLICT, "name_taken", "Someone is already using this name");
        }
        return session;
    }

    public boolean isLive(Session session) {
        return session.id().equals(redis.get(claimKeyOf(session.name())));
    }

    /** Gives the name back; the session's token is refused from now on. */
    public void close(Session session) {
        RELEASE.run(redis, List.of(claimKeyOf(session.name())), List.of(session.id()));
    }

    public static String claimKeyOf(String name) {
        return Keys.nameClaim(UserName.claimForm(name));
    }
}
