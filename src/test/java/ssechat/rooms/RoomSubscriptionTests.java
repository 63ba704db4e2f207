package ssechat.rooms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import ssechat.it.ChatApi;
import ssechat.it.ChatServer;
import ssechat.it.SseEvent;
import ssechat.it.SseStream;
import ssechat.rooms.entity.MessageId;

/**
 * A node subscribes to a room's channel when the room's first stream opens there: that stream must
 * still get every message posted after its welcome's id, though the subscription was being made
 * while they were posted.
 */
public abstract class RoomSubscriptionTests {

    private static final int ROOMS = 20;
    private static final int WRITERS = 4;
    private static final int USERS_PER_WRITER = 8;

    private final ChatApi api = ChatServer.api();
    private volatile String target;
    private volatile boolean writing = true;

    /**
     * Several writers post to each new room as fast as they can while its first stream opens: the
     * stream gets every message after its welcome's id, once, in order.
     */
    @Test
    void firstStreamsOpenedWhileMessagesFlowMissNothingAfterTheirWelcome() throws Exception {
        Map<String, ConcurrentLinkedQueue<String>> posted = new ConcurrentHashMap<>();
        List<String> rooms = new ArrayList<>();
        List<SseStream> streams = new ArrayList<>();
        List<String> welcomeIds = new ArrayList<>();
        ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
        try {
            List<Future<?>> writes = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                List<String[]> users = users(w);
                writes.add(writers.submit(() -> postToTarget(users, posted)));
            }
            for (int i = 0; i < ROOMS; i++) {
                String room = ChatApi.uniqueRoom("first" + i);
                rooms.add(room);
                posted.put(room, new ConcurrentLinkedQueue<>());
                target = room;
                Thread.sleep(5);
                SseStream stream = api.stream(room, null, null);
                streams.add(stream);
                SseEvent welcome = stream.next("welcome", Duration.ofSeconds(5));
                assertNotNull(welcome, "welcome in " + room);
                welcomeIds.add(welcome.json().isNull("lastId") ? null : welcome.json().getString("lastId"));
                Thread.sleep(5);
            }
            writing = false;
            for (Future<?> write : writes) {
                write.get(30, TimeUnit.SECONDS);
            }
            int checked = 0;
            for (int i = 0; i < ROOMS; i++) {
                String after = welcomeIds.get(i);
                List<String> expected = posted.get(rooms.get(i)).stream().filter(id -> after == null || MessageId.compare(id, after) > 0)
                        .sorted(MessageId::compare).toList();
                checked += expected.size();
                assertEquals(expected, StreamTests.ids(streams.get(i).messages(expected.size(), Duration.ofSeconds(10))),
                        "every message after the welcome's " + after + " in " + rooms.get(i) + ", in order");
                assertNull(streams.get(i).next("message", Duration.ofMillis(50)), "and nothing twice");
            }
            assertTrue(checked >= ROOMS, "messages were posted after the welcomes: " + checked);
        } finally {
            writing = false;
            writers.shutdownNow();
            streams.forEach(SseStream::close);
        }
    }

    /** A writer's users, each {address, token}, two per client address (within the rate limits). */
    private List<String[]> users(int writer) {
        List<String[]> users = new ArrayList<>();
        for (int u = 0; u < USERS_PER_WRITER; u++) {
            String address = "203.0.113." + (150 + writer * USERS_PER_WRITER / 2 + u / 2);
            users.add(new String[] {address, api.from(address).token(ChatApi.uniqueName("first"))});
        }
        return users;
    }

    /** Posts to whichever room is the target now, round its users, until told to stop. */
    private void postToTarget(List<String[]> users, Map<String, ConcurrentLinkedQueue<String>> posted) {
        for (int i = 0; writing; i++) {
            String room = target;
            if (room == null) {
                Thread.onSpinWait();
                continue;
            }
            String[] user = users.get(i % users.size());
            posted.get(room).add(api.from(user[0]).say(room, user[1], "flow " + i).getString("id"));
        }
    }
}
