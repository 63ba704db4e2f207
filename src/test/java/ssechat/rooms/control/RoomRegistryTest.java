package ssechat.rooms.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;
import ssechat.http.SseFrame;
import ssechat.it.TestRedis;
import ssechat.metrics.control.ChatMetrics;
import ssechat.redis.control.LocalSubscriptions;
import ssechat.rooms.entity.Ended;
import ssechat.rooms.entity.RoomEvent;
import ssechat.rooms.entity.StoredMessage;

/**
 * The delivery engine without a server: the registry, its channels, the streams and their writer
 * threads, on in-memory sinks. History is read from a real Redis (a room's first stream asks it
 * for the newest id).
 */
class RoomRegistryTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final RedisClient redis = TestRedis.client();
    private final StreamWriters writers = new StreamWriters(Executors.defaultThreadFactory());
    private final ChatMetrics metrics = new ChatMetrics();
    private final LocalSubscriptions subscriptions = LocalSubscriptions.started(Duration.ZERO);
    private final RoomRegistry registry = new RoomRegistry(history(), metrics, writers, subscriptions.subscriptions());
    private final String room = "unit-" + UUID.randomUUID().toString().substring(0, 8);

    @AfterEach
    void stop() {
        writers.shutdown();
        subscriptions.close();
        redis.close();
    }

    /** Live events that arrive during the replay wait for it; what both bring goes out once, ids only go up. */
    @Test
    void liveEventsQueuedDuringReplayFollowItWithNoGapAndNoDuplicate() throws Exception {
        MemorySink sink = MemorySink.reading();
        RoomStream stream = registry.newStream(sink, room, null, () -> { });
        assertNull(registry.attach(stream), "an empty room has no newest id");

        registry.deliver(message("3-0"));
        registry.deliver(message("4-0"));
        registry.deliver(message("5-0"));
        assertEquals(List.of(), sink.ids(), "nothing live goes out during the replay");

        stream.sendNow(List.of(frame("1-0"), frame("2-0"), frame("3-0"), frame("4-0")));
        assertEquals(List.of("1-0", "2-0", "3-0", "4-0"), sink.ids(), "the replay goes out at once");

        stream.goLive();
        registry.deliver(message("2-0"));
        registry.deliver(message("6-0"));
        assertTrue(sink.awaitIds(6, WAIT));
        Thread.sleep(100);
        assertEquals(List.of("1-0", "2-0", "3-0", "4-0", "5-0", "6-0"), sink.ids());
    }

    /** One client that blocks its writes delays nobody; once 256 events wait for it, it is dropped. */
    @Test
    void aBlockedStreamDelaysNobodyAndIsDroppedWhenTooFarBehind() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        MemorySink slow = MemorySink.blockedUntil(gate);
        List<MemorySink> fast = List.of(MemorySink.reading(), MemorySink.reading());
        try {
            open(slow);
            fast.forEach(this::open);
            int events = RoomStream.MAX_QUEUED + 44;
            List<String> ids = new ArrayList<>();
            // Delivered in steps the readers can keep up with: a burst of more than MAX_QUEUED events
            // before a writer thread gets its turn (a loaded machine) would rightly drop them too.
            for (int i = 1; i <= events; i++) {
                ids.add(i + "-0");
                registry.deliver(message(i + "-0"));
                if (i % 16 == 0 || i == events) {
                    for (MemorySink sink : fast) {
                        assertTrue(sink.awaitIds(i, WAIT), "a reading client got every event while another blocked");
                    }
                }
            }
            for (MemorySink sink : fast) {
                assertEquals(ids, sink.ids());
            }
            assertTrue(waitUntil(() -> registry.openStreams() == 2), "the blocked stream was dropped");
            assertEquals(1, metrics.droppedCount());
            assertTrue(waitUntil(slow::isClosed), "its connection is closed");
        } finally {
            gate.countDown();
        }
    }

    /** A room's last stream ends: its channel goes, and every count comes back to zero. */
    @Test
    void aRoomWhoseLastStreamEndsIsGoneAndCountsReturnToZero() throws Exception {
        String other = room + "-b";
        RoomStream first = open(MemorySink.reading());
        RoomStream second = open(MemorySink.reading());
        MemorySink elsewhere = MemorySink.reading();
        RoomStream third = registry.newStream(elsewhere, other, null, () -> { });
        registry.attach(third);
        third.goLive();
        assertEquals(3, registry.openStreams());
        assertEquals(2, registry.openRooms());
        assertEquals(Map.of(room, 2, other, 1), registry.streamsByRoom());

        first.close();
        assertEquals(Map.of(room, 1, other, 1), registry.streamsByRoom());
        second.end(RoomStream.Ending.SILENT, SseEvents.ended(new Ended(room, "kicked", null)));
        assertTrue(waitUntil(() -> registry.streamsByRoom().equals(Map.of(other, 1))), "the room's channel is gone with its last stream");
        registry.deliver(message("1-0"));
        third.close();

        assertEquals(0, registry.openStreams());
        assertEquals(0, registry.openRooms());
        assertEquals(Map.of(), registry.streamsByRoom());
        assertEquals(0, registry.onlineUsers());
        assertTrue(waitUntil(elsewhere::isClosed), "the sink is closed once its stream ends");
        assertEquals(List.of(), elsewhere.ids());
    }

    /** A client gone before its first event: the stream ends once, leaves the registry, and says so once. */
    @Test
    void aStreamWhoseClientHasGoneEndsOnceAndLeavesNothing() {
        MemorySink gone = MemorySink.reading();
        gone.close();
        AtomicInteger ends = new AtomicInteger();
        RoomStream stream = registry.newStream(gone, room, null, ends::incrementAndGet);
        registry.attach(stream);
        assertThrows(IllegalStateException.class, () -> stream.sendNow(frame("1-0")));
        stream.close();
        stream.end(RoomStream.Ending.IMMEDIATE, SseEvents.ended(new Ended(room, "kicked", null)));
        assertEquals(1, ends.get(), "its end is told once");
        assertEquals(0, registry.openStreams());
        assertEquals(0, registry.openRooms());
    }

    /** The container closes a sink whose client left, without a failed write: the next event ends its stream. */
    @Test
    void aStreamClosedByTheContainerEndsAtTheNextEvent() throws Exception {
        MemorySink left = MemorySink.reading();
        AtomicInteger ends = new AtomicInteger();
        RoomStream stream = registry.newStream(left, room, null, ends::incrementAndGet);
        registry.attach(stream);
        stream.goLive();
        left.close();
        registry.deliver(message("1-0"));
        assertEquals(1, ends.get(), "its end is told");
        assertEquals(0, registry.openStreams());
        assertEquals(0, registry.openRooms());
    }

    /**
     * Streams that end while their room delivers (under the channel's lock) as others join it
     * (under the map's lock for the room): neither waits for the other's lock for ever.
     */
    @Test
    void streamsEndingDuringADeliveryWhileOthersJoinDoNotDeadlock() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            Future<?> joining = threads.submit(() -> {
                for (int i = 0; i < 5_000; i++) {
                    MemorySink sink = MemorySink.reading();
                    open(sink);
                    sink.close(); // the container saw the client go: the next delivery ends the stream
                }
            });
            Future<?> delivering = threads.submit(() -> {
                for (int i = 1; !joining.isDone(); i++) {
                    registry.deliver(message(i + "-0"));
                }
            });
            joining.get(30, TimeUnit.SECONDS);
            delivering.get(30, TimeUnit.SECONDS);
            registry.deliver(new RoomEvent(room, "typing", null, "{\"room\":\"" + room + "\"}"));
            assertTrue(waitUntil(() -> registry.openStreams() == 0), "every stream ended");
            assertEquals(0, registry.openRooms());
        } finally {
            threads.shutdownNow();
        }
    }

    /** A node stopping tells each stream why, after what was queued for it, and only then closes it; nothing follows. */
    @Test
    void stoppingSendsEndedShutdownAsTheLastEventOfEveryStream() throws Exception {
        MemorySink sink = MemorySink.reading();
        RoomStream stream = open(sink);
        registry.deliver(message("1-0"));
        assertTrue(sink.awaitIds(1, WAIT));
        registry.closeAll();
        registry.deliver(message("2-0"));
        assertTrue(waitUntil(sink::isClosed), "the sink is closed after its farewell");
        assertEquals(List.of("1-0"), sink.ids());
        assertEquals(List.of("message", "ended"), sink.names());
        assertEquals("{\"room\":\"" + room + "\",\"reason\":\"shutdown\",\"until\":null}", sink.lastData());
        assertTrue(stream.isClosed());
        assertEquals(0, registry.openStreams());
    }

    private RoomStream open(MemorySink sink) {
        RoomStream stream = registry.newStream(sink, room, null, () -> { });
        registry.attach(stream);
        stream.goLive();
        return stream;
    }

    private HistoryStore history() {
        HistoryStore history = new HistoryStore();
        history.redis = redis;
        return history;
    }

    private RoomEvent message(String id) {
        return new RoomEvent(room, "message", id, json(id));
    }

    private SseFrame frame(String id) {
        return SseEvents.message(new StoredMessage(id, json(id)));
    }

    private String json(String id) {
        return "{\"id\":\"" + id + "\",\"room\":\"" + room + "\",\"user\":\"u\",\"text\":\"t\",\"ts\":1}";
    }

    private static boolean waitUntil(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(10);
        }
        return condition.getAsBoolean();
    }
}
