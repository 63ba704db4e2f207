package ssechat.sessions.control;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import redis.clients.jedis.UnifiedJedis;
import ssechat.config.ChatConfig;
import ssechat.http.Json;
import ssechat.redis.control.LuaScript;
import ssechat.sessions.entity.Ban;
import ssechat.sessions.entity.Session;
import ssechat.sessions.entity.SessionEnded;
import ssechat.sessions.entity.UserName;

/**
 * Names claimed in Redis for as long as their session lives, so that no two people hold one name
 * (nor two that look alike), and the sessions that ended early (logout), so that their tokens are
 * refused.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class SessionStore {

    private static final LuaScript LIVE = LuaScript.of(SessionCheck.LUA + LuaScript.read(SessionStore.class, "live.lua"));
    private static final LuaScript END = LuaScript.load(SessionStore.class, "end.lua");
    private static final LuaScript CLAIM = LuaScript.load(SessionStore.class, "claim.lua");
    private static final SecureRandom RANDOM = new SecureRandom();
    /** end.lua's answer when the name was the session's (or nobody's): its streams may be closed. */
    private static final long NAME_RELEASED = 1;

    @Inject
    UnifiedJedis redis;
    @Inject
    ChatConfig config;
    @Inject
    ReservedNames reserved;
    @Inject
    Event<SessionEnded> ended;
    @Inject
    LegacyRevocations legacy;

    /** Claims the name for a new session: 409 when it (or a look-alike) is held or reserved, 403 while it is banned. */
    public Session open(String name) {
        reserved.refuse(name);
        byte[] id = new byte[18];
        RANDOM.nextBytes(id);
        Session session = new Session(name, Base64.getUrlEncoder().withoutPadding().encodeToString(id),
                Instant.now().plus(config.sessionLifetime()).truncatedTo(ChronoUnit.SECONDS));
        Object claimed = CLAIM.run(redis, List.of(SessionCheck.claimKeyOf(name), SessionCheck.banKeyOf(name)),
                List.of(session.id(), String.valueOf(session.expiresAt().getEpochSecond())));
        if (claimed instanceof String ban) {
            throw Json.read(ban, Ban.class).refusal();
        }
        if (!Long.valueOf(1).equals(claimed)) {
            throw UserName.taken();
        }
        return session;
    }

    /**
     * Whether the session may act: true when it holds its name, or held it and the name was free
     * to claim again; false once it has ended. Throws 409 {@code name_taken} when another session
     * took the name meanwhile (Redis had lost the claim).
     */
    public boolean isLive(Session session) {
        if (legacy.revoked(session.id())) {
            return false;
        }
        SessionCheck check = SessionCheck.of(session);
        long state = (Long) LIVE.run(redis, check.keys(), check.args());
        if (SessionCheck.ended(state)) {
            return false;
        }
        SessionCheck.enforce(state);
        return true;
    }

    /**
     * Ends the session: its token is refused from now on, its name is free, and its streams close
     * everywhere ({@link SessionEnded}). A session that has ended already is refused with 401, so
     * an old token cannot close the streams of the name's next holder.
     */
    public void close(Session session) {
        if (legacy.revoked(session.id())) {
            SessionCheck.enforce(SessionCheck.REVOKED);
        }
        SessionCheck check = SessionCheck.of(session);
        long result = (Long) END.run(redis, check.keys(), check.args());
        SessionCheck.enforce(result);
        if (result == NAME_RELEASED) {
            ended.fire(new SessionEnded(session.name(), session.id()));
        }
    }
}
