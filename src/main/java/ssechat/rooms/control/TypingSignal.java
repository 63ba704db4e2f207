package ssechat.rooms.control;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import redis.clients.jedis.UnifiedJedis;
import ssechat.http.Json;
import ssechat.presence.entity.UserActivity;
import ssechat.redis.control.Keys;
import ssechat.redis.control.LuaScript;

/** Typing signals: never stored, forwarded at most once per user per room every two seconds. */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class TypingSignal {

    public static final Duration THROTTLE = Duration.ofSeconds(2);
    private static final LuaScript TYPING = LuaScript.load(TypingSignal.class, "typing.lua");
    private static final Duration IDEMPOTENCY_LIFETIME = Duration.ofHours(24);

    @Inject
    UnifiedJedis redis;

    public void send(String room, String user, Optional<String> idempotencyKey) {
        List<String> keys = new ArrayList<>(List.of(Keys.typing(room, user), Keys.roomChannel(room)));
        idempotencyKey.ifPresent(key -> keys.add(Keys.typingIdempotency(room, user, key)));
        String event = Json.write(UserActivity.now(room, user));
        TYPING.run(redis, keys, List.of(String.valueOf(THROTTLE.toMillis()), event, String.valueOf(IDEMPOTENCY_LIFETIME.toSeconds())));
    }
}
