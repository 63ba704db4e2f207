package ssechat.rooms.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.JedisPubSub;
import redis.clients.jedis.resps.StreamEntry;
import ssechat.http.Json;
import ssechat.it.TestRedis;
import ssechat.redis.control.Keys;
import ssechat.redis.control.LuaScript;
import ssechat.rooms.entity.RoomSummary;
import ssechat.rooms.entity.StoredMessage;

/** The history scripts against a real Redis. */
class HistoryScriptsTest {

    private static final LuaScript POST = LuaScript.load(HistoryStore.class, "post.lua");
    private static final LuaScript DELETE = LuaScript.load(HistoryStore.class, "delete.lua");
    private static final LuaScript TYPING = LuaScript.load(TypingSignal.class, "typing.lua");
    private final RedisClient redis = TestRedis.client();
    private static final LuaScript EDIT = LuaScript.load(HistoryStore.class, "edit.lua");
    private static final LuaScript RANGE = LuaScript.load(HistoryStore.class, "range.lua");
    private final String room = "unit-" + UUID.randomUUID().toString().substring(0, 8);

    @AfterEach
    void close() {
        redis.close();
    }

    @Test
    void theLiveJsonAndTheHistoryJsonAreTheSameBytes() {
        String fragment = "\"room\":" + Json.quote(room) + ",\"user\":\"u\",\"text\":" + Json.quote("多行\n\"文本\"\r😀");
        String live = post(fragment, historyKeys());
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
            post("\"text\":\"" + i + "\"", historyKeys());
        }
        subscriber.join(5000);
        assertEquals(redis.xrange(Keys.history(room), "-", "+", 100).stream().map(e -> e.getID().toString()).toList(), published);
    }

    @Test
    void anIdempotencyKeyReturnsTheFirstMessage() {
        List<String> keys = List.of(Keys.history(room), Keys.roomChannel(room), Keys.idempotency(room, "u", "k1"));
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
            POST.run(redis, historyKeys(), List.of("10", "u", "\"text\":\"" + i + "\"", "60"));
        }
        long length = redis.xlen(Keys.history(room));
        assertTrue(length >= 10 && length < 200, "approximately trimmed: " + length);
    }

    @Test
    void deleteRemovesOnceAndAnnounces() {
        String id = StoredMessage.fromJson(post("\"text\":\"bye\"", historyKeys())).id();
        String event = "{\"room\":\"" + room + "\",\"id\":\"" + id + "\"}";
        assertEquals(1L, DELETE.run(redis, editKeys(), List.of(id, event)));
        assertEquals(0L, DELETE.run(redis, editKeys(), List.of(id, event)));
        assertEquals(0, redis.xlen(Keys.history(room)));
    }

    @Test
    void anEditedMessageReadsFromHistoryAsTheEditEventCarriesIt() {
        String id = StoredMessage.fromJson(post(fragment("u", "first"), historyKeys())).id();
        String untouched = post(fragment("u", "second"), historyKeys());
        List<?> reply = edit(id, "u", fragment("u", "多行\n\"edited\"😀"), "900000");
        assertEquals(1L, reply.get(0));
        String edited = (String) reply.get(1);
        assertTrue(edited.startsWith("{\"id\":\"" + id + "\"," + fragment("u", "多行\n\"edited\"😀") + ",\"ts\":" + id.split("-")[0] + ",\"editedTs\":"), edited);
        List<?> read = (List<?>) RANGE.run(redis, List.of(Keys.history(room), Keys.edits(room)), List.of("XRANGE", "-", "+", "10"));
        assertEquals(List.of(id, fragment("u", "first"), edited, StoredMessage.fromJson(untouched).id(), fragment("u", "second"), ""), read);
        assertEquals(untouched, StoredMessage.of((String) read.get(3), (String) read.get(4)).json(), "an untouched message reads as it was posted");
    }

    @Test
    void onlyTheAuthorEditsAndOnlyWhileTheMessageIsYoung() throws Exception {
        String id = StoredMessage.fromJson(post(fragment("u", "mine"), historyKeys())).id();
        assertEquals(List.of(-1L), edit(id, "v", fragment("v", "theirs"), "900000"));
        assertEquals(List.of(0L), edit("1-1", "u", fragment("u", "none"), "900000"));
        Thread.sleep(5);
        assertEquals(List.of(-2L), edit(id, "u", fragment("u", "late"), "1"));
        assertEquals(0, redis.hlen(Keys.edits(room)));
    }

    @Test
    void anAuthorDeletesOnlyTheirOwnMessageAndItsEdit() {
        String id = StoredMessage.fromJson(post(fragment("u", "mine"), historyKeys())).id();
        edit(id, "u", fragment("u", "mine, edited"), "900000");
        String event = "{\"room\":\"" + room + "\",\"id\":\"" + id + "\"}";
        assertEquals(-1L, DELETE.run(redis, editKeys(), List.of(id, event, "v")));
        assertEquals(1, redis.xlen(Keys.history(room)));
        assertEquals(1L, DELETE.run(redis, editKeys(), List.of(id, event, "u")));
        assertEquals(0L, DELETE.run(redis, editKeys(), List.of(id, event, "u")));
        assertEquals(0, redis.xlen(Keys.history(room)));
        assertEquals(0, redis.hlen(Keys.edits(room)));
    }

    @Test
    void theDirectoryListsActiveRoomsNewestFirstAndDropsDeadOnes() {
        String quiet = room + "-quiet";
        String gone = room + "-gone";
        redis.zadd(Keys.ROOMS, 1, quiet);
        redis.zadd(Keys.ROOMS, 3, gone);
        redis.hset(Keys.online(quiet), "someone", "1");
        String newest = StoredMessage.fromJson(post(fragment("u", "hi"), historyKeys())).id();
        redis.zadd(Keys.ROOMS, Long.parseLong(newest.split("-")[0]), room);
        RoomDirectory directory = new RoomDirectory();
        directory.redis = redis;
        List<RoomSummary> mine = directory.rooms(100_000).stream().filter(summary -> summary.room().startsWith(room)).toList();
        assertEquals(List.of(room, quiet), mine.stream().map(RoomSummary::room).toList(), "a room with no history and nobody online is left out");
        assertEquals(newest, mine.get(0).lastMessage().id());
        assertEquals(List.of(0L, 1L), mine.stream().map(RoomSummary::online).toList());
        assertEquals(null, redis.zscore(Keys.ROOMS, gone), "and taken off the directory");
        redis.zrem(Keys.ROOMS, room, quiet);
        redis.del(Keys.online(quiet));
    }

    @Test
    void aRoomActiveAgainSinceItWasFoundEmptyStaysListed() {
        LuaScript forget = LuaScript.load(RoomDirectory.class, "forget-room.lua");
        redis.zadd(Keys.ROOMS, 5, room);
        redis.zadd(Keys.ROOMS, 6, room);
        assertEquals(0L, forget.run(redis, List.of(Keys.ROOMS), List.of(room, "5")));
        assertEquals(1L, forget.run(redis, List.of(Keys.ROOMS), List.of(room, "6")));
    }

    private List<?> edit(String id, String author, String fragment, String windowMillis) {
        return (List<?>) EDIT.run(redis, editKeys(), List.of(id, author, fragment, windowMillis));
    }

    private List<String> editKeys() {
        return List.of(Keys.history(room), Keys.edits(room), Keys.roomChannel(room));
    }

    private String fragment(String user, String text) {
        return "\"room\":" + Json.quote(room) + ",\"user\":" + Json.quote(user) + ",\"text\":" + Json.quote(text);
    }

    @Test
    void typingIsForwardedOncePerThrottleAndPerKey() throws Exception {
        List<String> keys = List.of(Keys.typing(room, "u"), Keys.roomChannel(room));
        List<String> args = List.of("300", "{}", "60");
        assertEquals(1L, TYPING.run(redis, keys, args));
        assertEquals(0L, TYPING.run(redis, keys, args));
        Thread.sleep(350);
        assertEquals(1L, TYPING.run(redis, keys, args));
        List<String> withKey = List.of(Keys.typing(room, "v"), Keys.roomChannel(room), Keys.typingIdempotency(room, "v", "k"));
        assertEquals(1L, TYPING.run(redis, withKey, args));
        Thread.sleep(350);
        assertEquals(0L, TYPING.run(redis, withKey, args), "the same key is not forwarded twice");
    }

    private String post(String fragment, List<String> keys) {
        return (String) ((List<?>) POST.run(redis, keys, args(fragment))).get(1);
    }

    private List<String> args(String fragment) {
        return List.of("10000", "u", fragment, "60");
    }

    private List<String> historyKeys() {
        return List.of(Keys.history(room), Keys.roomChannel(room));
    }
}
