package ssechat.sessions.control;

import java.util.List;
import ssechat.sessions.entity.Session;
import ssechat.sessions.entity.UserName;
import ssechat.http.ApiException;
import ssechat.redis.control.Keys;
import ssechat.redis.control.LuaScript;

/**
 * The Redis side of "may this token act now": the keys and arguments of the Lua function
 * {@code session_state} ({@link #LUA}, shipped beside this class), which any script acting for a
 * token runs first, and what its answer means. The layout of a session's keys is decided here:
 * all of them are the user's (one hash-tag slot, the claim form of the name).
 */
public record SessionCheck(List<String> keys, List<String> args) {

    /** Defines {@code session_state(claim, revoked, ban, id, expires)}; prepend it to a script that calls it. */
    public static final String LUA = LuaScript.read(SessionCheck.class, "session-state.lua");

    /** session_state's answer for a session that has ended. */
    static final long REVOKED = -1;
    private static final long TAKEN = -2;

    public static SessionCheck of(Session session) {
        String form = UserName.claimForm(session.name());
        return new SessionCheck(List.of(Keys.nameClaim(form), Keys.revokedSession(form, session.id()), Keys.ban(form)),
                List.of(session.id(), String.valueOf(session.expiresAt().getEpochSecond())));
    }

    public static String claimKeyOf(String name) {
        return Keys.nameClaim(UserName.claimForm(name));
    }

    public static String banKeyOf(String name) {
        return Keys.ban(UserName.claimForm(name));
    }

    /** Whether {@code session_state} answered that the session has ended (logout, or its name is banned). */
    public static boolean ended(long state) {
        return state == REVOKED;
    }

    /** Throws the contract's refusal for a negative answer of {@code session_state}; 0 and 1 (live, re-claimed) pass. */
    public static void enforce(long state) {
        if (state == REVOKED) {
            throw ApiException.unauthorized("This session has ended: create a new one");
        }
        if (state == TAKEN) {
            throw UserName.taken();
        }
        if (state < 0) {
            throw new IllegalStateException("Unknown session state " + state);
        }
    }
}
