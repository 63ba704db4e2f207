package ssechat.rooms.control;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.resps.StreamEntry;
import ssechat.config.ChatConfig;
import ssechat.http.Json;
import ssechat.redis.control.Keys;
import ssechat.redis.control.LuaScript;
import ssechat.rooms.entity.MessageId;
import ssechat.rooms.entity.Posted;
import ssechat.rooms.entity.StoredMessage;

/** A room's messages: one Redis stream per room, trimmed to the configured length, ids as message ids. */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class HistoryStore {

    private static final LuaScript POST = LuaScript.load(HistoryStore.class, "post.lua");
    private static final LuaScript DELETE = LuaScript.load(HistoryStore.class, "delete.lua");
    private static final Duration IDEMPOTENCY_LIFETIME = Duration.ofHours(24);
    private static final String FRAGMENT = "j";
    private static final int PAGE = 500;

    @Inject
    UnifiedJedis redis;
    @Inject
    ChatConfig config;

    public Posted append(String room, String user, String text, Optional<String> idempotencyKey) {
        List<String> keys = new ArrayList<>(List.of(Keys.history(room)));
        idempotencyKey.ifPresent(key -> keys.add(Keys.idempotency(user, key)));
        String fragment = "\"room\":" + Json.quote(room) + ",\"user\":" + Json.quote(user) + ",\"text\":" + Json.quote(text);
        List<?> reply = (List<?>) POST.run(redis, keys, List.of(String.valueOf(config.historyMax()), user, fragment,
                Keys.roomChannel(room), String.valueOf(IDEMPOTENCY_LIFETIME.toSeconds())));
        return new Posted(StoredMessage.fromJson((String) reply.get(1)), ((Long) reply.get(0)) == 1L);
    }

    /** Up to {@code count} messages before {@code before} (or the newest), oldest first. */
    public List<StoredMessage> page(String room, int count, Optional<String> before) {
        if (before.filter(MessageId::isFirst).isPresent()) {
            return List.of(); // Redis refuses a range that ends before 0-0
        }
        List<StoredMessage> newestFirst = messages(redis.xrevrange(Keys.history(room),
                before.map(id -> "(" + id).orElse("+"), "-", count));
        Collections.reverse(newestFirst);
        return newestFirst;
    }

    /** Hands every message after {@code afterId} (from the oldest when null) to {@code action}, oldest first, a page at a time. */
    public void forEachPageAfter(String room, String afterId, Consumer<List<StoredMessage>> action) {
        if (afterId != null && MessageId.isLast(afterId)) {
            return; // Redis refuses a range that starts after the largest id
        }
        String cursor = afterId;
        List<StoredMessage> page;
        do {
            page = messages(redis.xrange(Keys.history(room), cursor == null ? "-" : "(" + cursor, "+", PAGE));
            if (!page.isEmpty()) {
                action.accept(page);
            }
            cursor = page.isEmpty() ? cursor : page.get(page.size() - 1).id();
        } while (page.size() == PAGE);
    }

    public Optional<StoredMessage> find(String room, String id) {
        return messages(redis.xrange(Keys.history(room), id, id, 1)).stream().findFirst();
    }

    public Optional<String> lastId(String room) {
        return redis.xrevrange(Keys.history(room), "+", "-", 1).stream().findFirst().map(entry -> entry.getID().toString());
    }

    /** Removes a message and announces it with a {@code delete} event; false when there was none. */
    public boolean delete(String room, String id) {
        String event = "{\"room\":" + Json.quote(room) + ",\"id\":" + Json.quote(id) + "}";
        Object removed = DELETE.run(redis, List.of(Keys.history(room)), List.of(id, Keys.roomChannel(room), event));
        return Long.valueOf(1).equals(removed);
    }

    private static List<StoredMessage> messages(List<StreamEntry> entries) {
        List<StoredMessage> messages = new ArrayList<>(entries.size());
        for (StreamEntry entry : entries) {
            messages.add(StoredMessage.of(entry.getID().toString(), entry.getFields().get(FRAGMENT)));
        }
        return messages;
    }
}
