package ssechat.redis.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import ssechat.it.TestRedis;

/** Per-room subscriptions on a real Redis: what PUBSUB NUMSUB shows as streams come and go and the connection drops. */
class RoomSubscriptionsTest {

    private static final Duration LINGER = Duration.ofMillis(300);
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final Jedis redis = new Jedis("127.0.0.1", TestRedis.port());
    private final LocalSubscriptions local = LocalSubscriptions.started(LINGER);
    private final RoomSubscriptions subscriptions = local.subscriptions();
    private final String prefix = "subs-" + UUID.randomUUID().toString().substring(0, 8) + "-";

    @AfterEach
    void stop() {
        local.close();
        redis.close();
    }

    /** Once want returns, Redis lists the subscription and a message published at once arrives. */
    @Test
    void aWantedRoomIsSubscribedWhenWantReturns() throws Exception {
        String room = prefix + "a";
        subscriptions.want(room);
        assertEquals(1L, subscribers(room));
        redis.publish(Keys.roomChannel(room), "hello");
        assertTrue(waitUntil(() -> local.messages.contains(Keys.roomChannel(room) + " hello")), "published right after want: " + local.messages);
        assertEquals(1, subscriptions.rooms());
        assertEquals(0L, redis.pubsubNumPat(), "no pattern subscription");
        assertEquals(1L, redis.pubsubNumSub(Keys.CONTROL_CHANNEL).get(Keys.CONTROL_CHANNEL), "the control channel too");
    }

    /** The last stream's release unsubscribes only after the linger; wanted again during it, the room is simply kept. */
    @Test
    void aReleasedRoomLingersThenIsUnsubscribedAndIsKeptWhenWantedAgainMeanwhile() throws Exception {
        String room = prefix + "b";
        subscriptions.want(room);
        subscriptions.release(room);
        Thread.sleep(LINGER.toMillis() / 3);
        subscriptions.want(room);
        Thread.sleep(LINGER.toMillis() * 2);
        assertEquals(1L, subscribers(room), "wanted again during its linger: kept");
        long released = System.nanoTime();
        subscriptions.release(room);
        assertTrue(waitUntil(() -> subscribers(room) == 0), "unsubscribed after the linger");
        assertTrue(System.nanoTime() - released >= LINGER.toNanos(), "not before the linger");
        assertEquals(0, subscriptions.rooms());
    }

    /** A dropped connection comes back subscribed to every wanted room and the control channel, and to no released one. */
    @Test
    void aDroppedConnectionResubscribesEveryWantedRoom() throws Exception {
        List<String> rooms = List.of(prefix + "c1", prefix + "c2", prefix + "c3");
        rooms.forEach(subscriptions::want);
        subscriptions.release(rooms.get(2));
        assertTrue(waitUntil(() -> subscribers(rooms.get(2)) == 0));
        killSubscriber();
        assertTrue(waitUntil(() -> local.connections.get() == 2), "connected again");
        assertTrue(waitUntil(() -> subscribers(rooms.get(0)) == 1 && subscribers(rooms.get(1)) == 1), "wanted rooms again");
        assertEquals(0L, subscribers(rooms.get(2)));
        assertEquals(1L, redis.pubsubNumSub(Keys.CONTROL_CHANNEL).get(Keys.CONTROL_CHANNEL));
        subscriptions.want(rooms.get(2));
        assertEquals(1L, subscribers(rooms.get(2)), "wanted after the reconnect: subscribed when want returns");
    }

    /**
     * Many threads want and release a few rooms while the connection is cut: in the end Redis holds
     * exactly the rooms still wanted, so no subscribe and unsubscribe were sent out of order.
     */
    @Test
    void concurrentWantsAndReleasesAcrossDropsLeaveExactlyTheWantedRooms() throws Exception {
        List<String> rooms = List.of(prefix + "d0", prefix + "d1", prefix + "d2", prefix + "d3");
        ExecutorService threads = Executors.newFixedThreadPool(6);
        try {
            List<Future<int[]>> results = new ArrayList<>();
            for (int t = 0; t < 6; t++) {
                results.add(threads.submit(() -> churn(rooms, 150)));
            }
            for (int cut = 0; cut < 2; cut++) {
                Thread.sleep(100);
                killSubscriber();
            }
            int[] held = new int[rooms.size()];
            for (Future<int[]> result : results) {
                int[] counts = result.get(30, TimeUnit.SECONDS);
                for (int i = 0; i < held.length; i++) {
                    held[i] += counts[i];
                }
            }
            assertTrue(waitUntil(() -> subscriptions.isSubscribed()), "connected again");
            Thread.sleep(LINGER.toMillis() * 3);
            for (int i = 0; i < rooms.size(); i++) {
                assertEquals(held[i] > 0 ? 1L : 0L, subscribers(rooms.get(i)), rooms.get(i) + " held by " + held[i] + " streams");
            }
        } finally {
            threads.shutdownNow();
        }
    }

    /** Wants and releases rooms at random; returns how many streams each room still holds. */
    private int[] churn(List<String> rooms, int steps) throws InterruptedException {
        int[] held = new int[rooms.size()];
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int step = 0; step < steps; step++) {
            int i = random.nextInt(rooms.size());
            if (held[i] > 0 && random.nextBoolean()) {
                subscriptions.release(rooms.get(i));
                held[i]--;
            } else {
                subscriptions.want(rooms.get(i));
                held[i]++;
            }
            Thread.sleep(random.nextInt(3));
        }
        return held;
    }

    private long subscribers(String room) {
        Map<String, Long> counts = redis.pubsubNumSub(Keys.roomChannel(room));
        return counts.get(Keys.roomChannel(room));
    }

    private void killSubscriber() {
        redis.clientList().lines().filter(line -> line.matches(".*\\bsub=[1-9].*") && line.contains("name=sse-chat"))
                .map(line -> line.replaceAll(".*\\baddr=(\\S+).*", "$1")).forEach(redis::clientKill);
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
