package ssechat.rooms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import ssechat.it.ChatApi;
import ssechat.it.ChatServer;
import ssechat.it.SseStream;
import ssechat.it.TestRedis;
import ssechat.redis.control.Keys;

/** Redis blips: the bridge resubscribes by itself and no connected client loses a message. */
public abstract class RedisOutageTests {

    private final ChatApi api = ChatServer.api();
    private final String room = ChatApi.uniqueRoom("outage");

    /** The subscription is cut again and again while messages flow; the gaps are filled from history. */
    @Test
    void aDroppedSubscriptionLosesNoMessage() throws Exception {
        int count = 120;
        try (SseStream stream = api.stream(room, null, null); Jedis redis = new Jedis("127.0.0.1", TestRedis.port())) {
            assertNotNull(stream.next("welcome", Duration.ofSeconds(5)));
            List<String> posted = Collections.synchronizedList(new ArrayList<>());
            ExecutorService writer = Executors.newSingleThreadExecutor();
            Future<?> writes = writer.submit(() -> postSlowly(count, posted));
            for (int cut = 0; cut < 5 && !writes.isDone(); cut++) {
                Thread.sleep(300);
                redis.clientKill(redis.clientList().lines().filter(line -> line.matches(".*\\bsub=[1-9].*")).findFirst().map(RedisOutageTests::address).orElseThrow());
            }
            writes.get(60, TimeUnit.SECONDS);
            writer.shutdown();
            assertEquals(posted, StreamTests.ids(stream.messages(count, Duration.ofSeconds(20))), "every message, in order, once");
        }
    }

    @Test
    void aBadPayloadOnTheChannelIsSkippedAndDeliveryGoesOn() throws Exception {
        String token = api.token(ChatApi.uniqueName("after_garbage"));
        try (SseStream stream = api.stream(room, null, null); Jedis redis = new Jedis("127.0.0.1", TestRedis.port())) {
            assertNotNull(stream.next("welcome", Duration.ofSeconds(5)));
            redis.publish(Keys.roomChannel(room), "garbage without fields");
            redis.publish(Keys.roomChannel(room), "message not-an-id {\"x\":1}");
            redis.publish(Keys.CONTROL_CHANNEL, "reboot everything");
            String id = api.say(room, token, "still flowing").getString("id");
            assertEquals(List.of(id), StreamTests.ids(stream.messages(1, Duration.ofSeconds(5))));
        }
    }

    @Test
    void aRedisRestartAnswers503ThenRecoversAndOpenStreamsCarryOn() throws Exception {
        String token = api.token(ChatApi.uniqueName("survivor"));
        try (SseStream stream = api.stream(room, token, null)) {
            assertNotNull(stream.next("welcome", Duration.ofSeconds(5)));
            TestRedis.stop();
            try {
                assertTrue(waitForHealth(503, Duration.ofSeconds(10)), "health reports DOWN");
                assertEquals("DOWN", ChatApi.json(api.get("api/health").body()).getString("status"));
                HttpResponse<String> during = api.post(room, token, "during the outage");
                assertEquals(503, during.statusCode(), during::body);
                assertEquals("unavailable", ChatApi.json(during.body()).getString("error"));
            } finally {
                TestRedis.start();
            }
            assertTrue(waitForHealth(200, Duration.ofSeconds(20)), "health reports UP again");
            String after = api.say(room, token, "after the outage").getString("id");
            assertEquals(List.of(after), StreamTests.ids(stream.messages(1, Duration.ofSeconds(10))));
            assertTrue(api.history(room, "?count=10").stream().noneMatch(m -> m.asJsonObject().getString("text").equals("during the outage")),
                    "a refused write left nothing behind");
        }
    }

    private void postSlowly(int count, List<String> posted) {
        List<ChatApi> writers = new ArrayList<>();
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            writers.add(api.from("203.0.113." + (100 + i)));
            tokens.add(writers.get(i).token(ChatApi.uniqueName("blip")));
        }
        for (int i = 0; i < count; i++) {
            posted.add(writers.get(i % 8).say(room, tokens.get(i % 8), "blip " + i).getString("id"));
            sleep(15);
        }
    }

    private boolean waitForHealth(int status, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (api.get("api/health").statusCode() == status) {
                return true;
            }
            sleep(200);
        }
        return false;
    }

    private static String address(String clientLine) {
        return clientLine.replaceAll(".*\\baddr=(\\S+).*", "$1");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
