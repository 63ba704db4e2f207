package ssechat.rooms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.StreamEntryID;
import ssechat.it.ChatApi;
import ssechat.it.ChatServer;
import ssechat.it.SseEvent;
import ssechat.it.SseStream;
import ssechat.it.TestRedis;
import ssechat.redis.control.Keys;

/** The event stream: its first bytes, resuming with Last-Event-ID, resets, heartbeats, ordering. */
public abstract class StreamTests {

    private final ChatApi api = ChatServer.api();
    private final String room = ChatApi.uniqueRoom("stream");
    private final String token = api.token(ChatApi.uniqueName("streamer"));

    @Test
    void opensWithRetryAndWelcomeAtOnce() throws Exception {
        api.say(room, token, "before");
        try (SseStream stream = api.stream(room, token, null)) {
            assertEquals(200, stream.status());
            assertEquals("text/event-stream;charset=UTF-8",
                    stream.response().headers().firstValue("Content-Type").orElse("").replace(" ", ""));
            SseEvent welcome = stream.next(Duration.ofSeconds(3));
            assertEquals("welcome", welcome.name());
            JsonObject data = welcome.json();
            assertEquals(room, data.getString("room"));
            assertTrue(data.getJsonArray("online").toString().contains(data.getString("user")));
            assertEquals(api.history(room, "?count=1").getJsonObject(0).getString("id"), data.getString("lastId"));
            assertTrue(new String(stream.rawBytes(), StandardCharsets.UTF_8).startsWith("event: welcome\nretry: ")
                    || new String(stream.rawBytes(), StandardCharsets.UTF_8).contains("retry: "), "a retry line first");
        }
    }

    @Test
    void anonymousStreamsAreWelcomedWithNullUser() throws Exception {
        try (SseStream stream = api.stream(room, null, null)) {
            JsonObject welcome = stream.next("welcome", Duration.ofSeconds(3)).json();
            assertTrue(welcome.isNull("user"));
            assertTrue(welcome.isNull("lastId"), "an empty room has no last id");
        }
    }

    @Test
    void rejectsBadTokensAndRooms() throws Exception {
        try (SseStream badToken = api.stream(room, "forged.token.1.x", null);
             SseStream badRoom = api.stream("UPPER", null, null)) {
            assertEquals(401, badToken.status());
            assertEquals(400, badRoom.status());
        }
    }

    @Test
    void resumesWithTheLastEventIdHeaderExactlyAfterIt() throws Exception {
        List<String> ids = post(6);
        try (SseStream stream = api.stream(room, null, ids.get(2))) {
            assertEquals(ids.subList(3, 6), ids(stream.messages(3, Duration.ofSeconds(5))));
            assertNull(stream.next(event -> event.name().equals("message") || event.name().equals("reset"), Duration.ofMillis(500)));
        }
    }

    @Test
    void resumesWithTheLastEventIdQueryParameter() throws Exception {
        List<String> ids = post(4);
        try (SseStream stream = SseStream.open(api.uri("api/rooms/" + room + "/events?lastEventId=" + ids.get(0)), java.util.Map.of())) {
            assertEquals(ids.subList(1, 4), ids(stream.messages(3, Duration.ofSeconds(5))));
        }
    }

    @Test
    void sendsResetFirstForAnIdThisRoomNeverIssued() throws Exception {
        List<String> ids = post(3);
        for (String unknown : List.of("99999999999999-0", "garbage", "1-0")) {
            try (SseStream stream = api.stream(room, null, unknown)) {
                SseEvent first = stream.next(event -> !event.name().equals("welcome"), Duration.ofSeconds(5));
                assertEquals("reset", first.name(), "for " + unknown);
                assertEquals(room, first.json().getString("room"));
                List<String> replayed = unknown.startsWith("9") ? List.of() : ids;
                assertEquals(replayed, ids(stream.messages(replayed.size(), Duration.ofSeconds(5))), "then what history holds");
            }
        }
    }

    /**
     * Ids at the edges of what Redis takes (nothing can follow the largest, nothing precede 0-0): a
     * reset, then history, and the stream stays open for live messages.
     */
    @Test
    void idsAtTheEdgesGetAResetAndTheStreamStaysOpen() throws Exception {
        List<String> ids = post(2);
        String max = "18446744073709551615";
        for (String edge : List.of(max + "-" + max, max + "-0", "0-0", "0-" + max)) {
            try (SseStream stream = api.stream(room, null, edge)) {
                SseEvent first = stream.next(event -> !event.name().equals("welcome"), Duration.ofSeconds(5));
                assertNotNull(first, "an event after the welcome for " + edge);
                assertEquals("reset", first.name(), "for " + edge);
                assertTrue(List.of("invalid_id", "unknown_id").contains(first.json().getString("reason")), first.data());
                String live = api.say(room, token, "after " + edge).getString("id");
                ids.add(live);
                List<String> received = new ArrayList<>();
                for (SseEvent message = stream.next("message", Duration.ofSeconds(5)); message != null;
                     message = live.equals(message.id()) ? null : stream.next("message", Duration.ofSeconds(5))) {
                    received.add(message.id());
                }
                assertEquals(live, received.isEmpty() ? null : received.get(received.size() - 1), "the stream stayed open for " + edge);
                assertEquals(ids.subList(ids.size() - received.size(), ids.size()), received, "history, then live, for " + edge);
            }
        }
        assertEquals(200, api.get("api/rooms/" + room + "/messages?before=0-0").statusCode(), "nothing comes before 0-0");
        assertEquals(404, api.get("api/rooms/" + room + "/messages/" + max + "-" + max).statusCode());
    }

    @Test
    void sendsResetWhenHistoryWasLost() throws Exception {
        List<String> ids = post(2);
        try (Jedis redis = new Jedis("127.0.0.1", TestRedis.port())) {
            redis.del(Keys.history(room));
        }
        String after = api.say(room, token, "after the loss").getString("id");
        try (SseStream stream = api.stream(room, null, ids.get(1))) {
            assertEquals("reset", stream.next(event -> !event.name().equals("welcome"), Duration.ofSeconds(5)).name());
            assertEquals(List.of(after), ids(stream.messages(1, Duration.ofSeconds(5))));
        }
    }

    /** History is read and sent a page at a time: a long absence comes back whole, in order, across pages. */
    @Test
    void resumesAcrossSeveralPagesOfHistory() throws Exception {
        List<String> ids = new ArrayList<>();
        try (Jedis redis = new Jedis("127.0.0.1", TestRedis.port())) {
            for (int i = 0; i < 1200; i++) {
                String fragment = "\"room\":\"" + room + "\",\"user\":\"bulk\",\"text\":\"old " + i + "\"";
                ids.add(redis.xadd(Keys.history(room), StreamEntryID.NEW_ENTRY,
                        Map.of("u", "bulk", "j", fragment)).toString());
            }
        }
        try (SseStream stream = api.stream(room, null, ids.get(0))) {
            List<SseEvent> replayed = stream.messages(1199, Duration.ofSeconds(20));
            assertEquals(ids.subList(1, 1200), ids(replayed));
            assertEquals("old 1199", replayed.get(1198).json().getString("text"));
        }
    }

    @Test
    void quietStreamsGetAHeartbeatComment() throws Exception {
        try (SseStream stream = api.stream(room, null, null)) {
            SseEvent ping = stream.next(SseStream.COMMENT, Duration.ofSeconds(5));
            assertNotNull(ping, "a comment within the 2 s test heartbeat");
            assertEquals("ping", ping.data());
        }
    }

    /** Clients reconnect over and over while a writer posts: each sees every message once, in order. */
    @Test
    void theSeamBetweenReplayAndLiveHasNoGapAndNoDuplicate() throws Exception {
        AtomicBoolean writing = new AtomicBoolean(true);
        List<String> posted = java.util.Collections.synchronizedList(new ArrayList<>());
        ExecutorService writer = Executors.newSingleThreadExecutor();
        Future<?> writes = writer.submit(() -> {
            List<ChatApi> apis = new ArrayList<>();
            List<String> tokens = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                apis.add(api.from("203.0.113." + (i + 1)));
                tokens.add(apis.get(i).token(ChatApi.uniqueName("seam")));
            }
            for (int i = 0; writing.get() && i < 150; i++) {
                posted.add(apis.get(i % 10).say(room, tokens.get(i % 10), "seam " + i).getString("id"));
            }
        });
        try {
            List<String> received = new ArrayList<>();
            String last = null;
            while (posted.isEmpty()) {
                Thread.sleep(10);
            }
            last = posted.get(0);
            received.add(last);
            for (int reconnect = 0; reconnect < 12; reconnect++) {
                try (SseStream stream = api.stream(room, null, last)) {
                    for (SseEvent event : stream.messages(8, Duration.ofSeconds(5))) {
                        received.add(event.id());
                        last = event.id();
                    }
                }
            }
            writing.set(false);
            writes.get(30, TimeUnit.SECONDS);
            assertEquals(posted.subList(0, received.size()), received, "exactly the posted ids, in order");
        } finally {
            writing.set(false);
            writer.shutdownNow();
        }
    }

    /** 50 writers at once: three subscribers each receive all 500 messages in one and the same order. */
    @Test
    void concurrentWritersReachEverySubscriberInOneOrder() throws Exception {
        int writers = 50;
        int perWriter = 10;
        List<SseStream> subscribers = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            for (int i = 0; i < 3; i++) {
                subscribers.add(api.stream(room, null, null));
                assertNotNull(subscribers.get(i).next("welcome", Duration.ofSeconds(5)));
            }
            List<Future<?>> writes = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int writer = w;
                writes.add(pool.submit(() -> {
                    ChatApi own = api.from("192.0.2." + (writer + 1));
                    String writerToken = own.token(ChatApi.uniqueName("w" + writer));
                    for (int i = 0; i < perWriter; i++) {
                        own.say(room, writerToken, writer + ":" + i);
                    }
                    return null;
                }));
            }
            for (Future<?> write : writes) {
                write.get(60, TimeUnit.SECONDS);
            }
            List<String> first = ids(subscribers.get(0).messages(writers * perWriter, Duration.ofSeconds(20)));
            assertEquals(writers * perWriter, first.size(), "every message reached the first subscriber");
            assertEquals(first.stream().sorted(ssechat.rooms.entity.MessageId::compare).toList(), first, "ids go up");
            for (SseStream other : subscribers.subList(1, 3)) {
                assertEquals(first, ids(other.messages(writers * perWriter, Duration.ofSeconds(20))), "the same order");
            }
        } finally {
            subscribers.forEach(SseStream::close);
            pool.shutdownNow();
        }
    }

    private List<String> post(int count) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(api.say(room, token, "message " + i).getString("id"));
        }
        return ids;
    }

    static List<String> ids(List<SseEvent> events) {
        return events.stream().map(SseEvent::id).toList();
    }
}
