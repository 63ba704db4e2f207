package ssechat.rooms.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.JedisPubSub;
import redis.clients.jedis.resps.StreamEntry;
import ssechat.http.Json;
import ssechat.it.TestRedis;
import ssechat.redis.control.Keys;
import ssechat.redis.control.LuaScript;
import ssechat.rooms.entity.StoredMessage;

/** The history scripts against a real Redis. */
class HistoryScriptsTest {

    private static final LuaScript POST = LuaScript.load(HistoryStore.class, "post.lua");
    private static final LuaScript DELETE = LuaScript.load(HistoryStore.class, "delete.lua");
    private static final LuaScript TYPING = LuaScript.load(TypingSignal.class, "typing.lua");
    private final JedisPooled redis = TestRedis.client();
    private final String room = "unit-" + UUID.randomUUID().toString().substring(0, 8);

    @AfterEach
    void close() {
        redis.close();
    }

    @Test
    void theLiveJsonAndTheHistoryJsonAreTheSameBytes() {
        String fragment = "\"room\":" + Json.quote(room) + ",\"user\":\"u\",\"text\":" + Json.quote("多行\n\"文本\"\r😀");
        String live = post(fragment, List.of(Keys.history(room)));
        StreamEntry stored = redis.xrange(Keys.history(room), "-", "+", 10).get(0);
        assertEquals(live, StoredMessage.of(stored.getID().toString(), stored.getFields().get("j")).json());
        assertEquals(stored.getID().toString(), StoredMessage.fromJson(live).id());
    }

    @Test
    void postsArePublishedInHistoryOrder() throws Exception {
        List<String> published = new ArrayList<>();
        JedisPubSub listener = new JedisPubSub() {
            @Override
            public void onMessage(String channel, String message) {
                published.add(message.split(" ")[1]);
                if (published.size() == 20) {
                    unsubscribe();
                }
            }
        };
        Thread subscriber = new Thread(() -> redis.subscribe(listener, Keys.roomChannel(room)));
        subscriber.start();
        while (!listener.isSubscribed()) {
            Thread.sleep(5);
        }
        for (int i = 0; i < 20; i++) {
            post("\"text\":\"" + i + "\"", List.of(Keys.history(room)));
        }
        subscriber.join(5000);
        assertEquals(redis.xrange(Keys.history(room), "-", "+", 100).stream().map(e -> e.getID().toString()).toList(), published);
    }

    @Test
    void anIdempotencyKeyReturnsTheFirstMessage() {
        List<String> keys = List.of(Keys.history(room), Keys.idempotency("u", "k1-" + room));
        List<?> first = (List<?>) POST.run(redis, keys, args("\"text\":\"once\""));
        List<?> again = (List<?>) POST.run(redis, keys, args("\"text\":\"twice\""));
        assertEquals(1L, first.get(0));
        assertEquals(0L, again.get(0));
        assertEquals(first.get(1), again.get(1));
        assertEquals(1, redis.xlen(Keys.history(room)));
    }

    @Test
    void historyIsTrimmedToAboutItsMaximum() {
        for (int i = 0; i < 500; i++) {
            POST.run(redis, List.of(Keys.history(room)), List.of("10", "u", "\"text\":\"" + i + "\"", Keys.roomChannel(room), "60"));
        }
        long length = redis.xlen(Keys.history(room));
        assertTrue(length >= 10 && length < 200, "approximately trimmed: " + length);
    }

    @Test
    void deleteRemovesOnceAndAnnounces() {
        String id = StoredMessage.fromJson(post("\"text\":\"bye\"", List.of(Keys.history(room)))).id();
        String event = "{\"room\":\"" + room + "\",\"id\":\"" + id + "\"}";
        assertEquals(1L, DELETE.run(redis, List.of(Keys.history(room)), List.of(id, Keys.roomChannel(room), event)));
        assertEquals(0L, DELETE.run(redis, List.of(Keys.history(room)), List.of(id, Keys.roomChannel(room), event)));
        assertEquals(0, redis.xlen(Keys.history(room)));
    }

    @Test
    void typingIsForwardedOncePerThrottleAndPerKey() throws Exception {
        List<String> keys = List.of(Keys.typing(room, "u"));
        List<String> args = List.of("300", Keys.roomChannel(room), "{}", "60");
        assertEquals(1L, TYPING.run(redis, keys, args));
        assertEquals(0L, TYPING.run(redis, keys, args));
        Thread.sleep(350);
        assertEquals(1L, TYPING.run(redis, keys, args));
        List<String> withKey = List.of(Keys.typing(room, "v"), Keys.idempotency("v", "typing:k-" + room));
        assertEquals(1L, TYPING.run(redis, withKey, args));
        Thread.sleep(350);
        assertEquals(0L, TYPING.run(redis, withKey, args), "the same key is not forwarded twice");
    }

    private String post(String fragment, List<String> keys) {
        return (String) ((List<?>) POST.run(redis, keys, args(fragment))).get(1);
    }

    private List<String> args(String fragment) {
        return List.of("10000", "u", fragment, Keys.roomChannel(room), "60");
    }
}
