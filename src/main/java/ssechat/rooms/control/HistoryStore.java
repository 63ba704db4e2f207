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
import redis.clients.jedis.params.ZAddParams;
import ssechat.config.ChatConfig;
import ssechat.http.Json;
import ssechat.redis.control.Keys;
import ssechat.redis.control.LuaScript;
import ssechat.rooms.entity.MessageId;
import ssechat.rooms.entity.Change;
import ssechat.rooms.entity.Deleted;
import ssechat.rooms.entity.Edited;
import ssechat.rooms.entity.Posted;
import ssechat.rooms.entity.StoredMessage;

/** A room's messages: one Redis stream per room, trimmed to the configured length, ids as message ids. */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class HistoryStore {

    private static final LuaScript POST = LuaScript.load(HistoryStore.class, "post.lua");
    private static final LuaScript DELETE = LuaScript.load(HistoryStore.class, "delete.lua");
    private static final LuaScript EDIT = LuaScript.load(HistoryStore.class, "edit.lua");
    private static final LuaScript RANGE = LuaScript.load(HistoryStore.class, "range.lua");
    /** How long after posting its author may still edit a message. */
    public static final Duration EDIT_WINDOW = Duration.ofMinutes(15);
    private static final Duration IDEMPOTENCY_LIFETIME = Duration.ofHours(24);
    private static final int PAGE = 500;

    @Inject
    UnifiedJedis redis;
    @Inject
    ChatConfig config;

    /**
     * Stores and publishes a message in one step in the room's slot, then marks the room active in
     * the directory (a global key, so a second command). The message never depends on the second:
     * if it fails, the room is listed by its earlier activity until the next post or join.
     */
    public Posted append(String room, String user, String text, Optional<String> idempotencyKey) {
        List<String> keys = new ArrayList<>(List.of(Keys.history(room), Keys.roomChannel(room)));
        idempotencyKey.ifPresent(key -> keys.add(Keys.idempotency(room, user, key)));
        List<?> reply = (List<?>) POST.run(redis, keys, List.of(String.valueOf(config.historyMax()), user, fragment(room, user, text),
                String.valueOf(IDEMPOTENCY_LIFETIME.toSeconds())));
        Posted posted = new Posted(StoredMessage.fromJson((String) reply.get(1)), ((Long) reply.get(0)) == 1L);
        if (posted.created()) {
            redis.zadd(Keys.ROOMS, MessageId.millis(posted.message().id()), room, ZAddParams.zAddParams().gt());
        }
        return posted;
    }

    /**
     * Up to {@code count} messages before {@code before} (or the newest), oldest first. Redis refuses
     * an exclusive range that starts past the largest id or ends before the smallest, so the edges
     * are answered here: nothing lies beyond them.
     */
    public List<StoredMessage> page(String room, int count, Optional<String> before) {
        if (before.filter(MessageId::isFirst).isPresent()) {
            return List.of(); // Redis refuses a range that ends before 0-0
        }
        List<StoredMessage> newestFirst = range(room, "XREVRANGE", before.map(id -> "(" + id).orElse("+"), "-", count);
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
            page = range(room, "XRANGE", cursor == null ? "-" : "(" + cursor, "+", PAGE);
            if (!page.isEmpty()) {
                action.accept(page);
            }
            cursor = page.isEmpty() ? cursor : page.get(page.size() - 1).id();
        } while (page.size() == PAGE);
    }

    public Optional<StoredMessage> find(String room, String id) {
        return range(room, "XRANGE", id, id, 1).stream().findFirst();
    }

    public Optional<String> lastId(String room) {
        return redis.xrevrange(Keys.history(room), "+", "-", 1).stream().findFirst().map(entry -> entry.getID().toString());
    }

    /** Removes a message and announces it with a {@code delete} event; false when there was none. */
    public boolean delete(String room, String id) {
        return Long.valueOf(1).equals(runDelete(room, id, List.of()));
    }

    /** Removes a message of {@code author}'s own, announced like a moderator's removal. */
    public Change deleteOwn(String room, String id, String author) {
        return Change.of(((Long) runDelete(room, id, List.of(author))).intValue());
    }

    /** Replaces the text of {@code author}'s own message, within {@link #EDIT_WINDOW} of posting, with an {@code edit} event. */
    public Edited edit(String room, String id, String author, String text) {
        List<?> reply = (List<?>) EDIT.run(redis, List.of(Keys.history(room), Keys.edits(room), Keys.roomChannel(room)), List.of(id, author,
                fragment(room, author, text), String.valueOf(EDIT_WINDOW.toMillis())));
        Change change = Change.of(((Long) reply.get(0)).intValue());
        return new Edited(change, change == Change.DONE ? Optional.of(StoredMessage.fromJson((String) reply.get(1))) : Optional.empty());
    }

    private Object runDelete(String room, String id, List<String> author) {
        List<String> args = new ArrayList<>(List.of(id, Json.write(new Deleted(room, id))));
        args.addAll(author);
        return DELETE.run(redis, List.of(Keys.history(room), Keys.edits(room), Keys.roomChannel(room)), args);
    }

    private static String fragment(String room, String user, String text) {
        return "\"room\":" + Json.quote(room) + ",\"user\":" + Json.quote(user) + ",\"text\":" + Json.quote(text);
    }

    /** Messages as history now holds them, edits applied, in one round trip. */
    private List<StoredMessage> range(String room, String command, String start, String end, int count) {
        List<?> flat = (List<?>) RANGE.run(redis, List.of(Keys.history(room), Keys.edits(room)),
                List.of(command, start, end, String.valueOf(count)));
        List<StoredMessage> messages = new ArrayList<>(flat.size() / 3);
        for (int i = 0; i < flat.size(); i += 3) {
            String edited = (String) flat.get(i + 2);
            messages.add(edited.isEmpty() ? StoredMessage.of((String) flat.get(i), (String) flat.get(i + 1)) : StoredMessage.fromJson(edited));
        }
        return messages;
    }
}
