package ssechat.sessions.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import redis.clients.jedis.UnifiedJedis;
import ssechat.http.Json;
import ssechat.redis.control.Keys;
import ssechat.redis.control.LuaScript;
import ssechat.sessions.entity.Ban;
import ssechat.sessions.entity.UserName;

/**
 * Bans on names, in Redis so that every node sees them, each expiring with its ban. A ban covers
 * every name of the banned name's claim form ("Alice", "alice", "аlice"): new sessions are refused
 * ({@code claim.lua}), and tokens are refused by {@code session_state}.
 */
@ApplicationScoped
public class BanStore {

    private static final LuaScript BAN = LuaScript.load(BanStore.class, "ban.lua");
    private static final int BAN_ATTEMPTS = 3;

    @Inject
    UnifiedJedis redis;

    private final Clock clock = Clock.systemUTC();

    /** Bans the name for {@code length}; the session holding it ends (the caller closes its streams). */
    public Ban ban(String name, Duration length, String reason, String admin) {
        Instant until = clock.instant().plus(length).truncatedTo(ChronoUnit.SECONDS);
        Ban ban = new Ban(name, until.toString(), reason, admin);
        String form = UserName.claimForm(name);
        // the index first: bans() skips an entry whose ban is missing, but could not list a ban missing from the index
        redis.zadd(Keys.BANS, until.toEpochMilli(), form);
        for (int attempt = 0; attempt < BAN_ATTEMPTS; attempt++) {
            String holder = redis.get(Keys.nameClaim(form));
            List<String> keys = new ArrayList<>(List.of(Keys.ban(form), Keys.nameClaim(form)));
            if (holder != null) {
                keys.add(Keys.revokedSession(form, holder));
            }
            long result = (Long) BAN.run(redis, keys, List.of(Json.write(ban), String.valueOf(until.toEpochMilli()), holder == null ? "" : holder));
            if (result >= 0) {
                return ban;
            }
        }
        throw new IllegalStateException("The holder of " + name + " changed " + BAN_ATTEMPTS + " times while it was banned");
    }

    /** The bans in force, the first to run out first (the index is scored by the end). */
    public List<Ban> bans() {
        redis.zremrangeByScore(Keys.BANS, 0, clock.millis());
        List<String> forms = redis.zrange(Keys.BANS, 0, -1);
        if (forms.isEmpty()) {
            return List.of();
        }
        List<Ban> bans = new ArrayList<>();
        // one GET per ban: the bans live in their users' slots
        forms.stream().map(form -> redis.get(Keys.ban(form))).filter(Objects::nonNull).forEach(json -> bans.add(Json.read(json, Ban.class)));
        return bans;
    }

    /** Lifts the ban on the name's claim form; false when there was none. */
    public boolean lift(String name) {
        String form = UserName.claimForm(name);
        redis.zrem(Keys.BANS, form);
        return redis.del(Keys.ban(form)) > 0;
    }
}
