package ssechat.rooms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;
import ssechat.it.ChatApi;
import ssechat.it.ChatServer;
import ssechat.it.SseStream;
import ssechat.it.TestRedis;
import ssechat.redis.control.Keys;
import ssechat.sessions.entity.UserName;

/**
 * Caps on open streams, per user and per client address, counted across the cluster. The test
 * server allows 100 streams per user (arquillian.xml) and the default 200 per address.
 */
public abstract class StreamLimitTests {

    private static final int PER_USER = 100;
    private static final int PER_ADDRESS = 200;

    private final ChatApi api = ChatServer.api();
    private final String room = ChatApi.uniqueRoom("limit");

    @Test
    void oneUserOpensNoMoreThanTheCapAndAClosedStreamFreesItsPlace() throws Exception {
        String user = ChatApi.uniqueName("greedy");
        String token = api.token(user);
        List<SseStream> streams = new ArrayList<>();
        try {
            for (int i = 0; i < PER_USER; i++) {
                streams.add(opened(api.from("100.70." + i / 200 + "." + (i % 200 + 1)), token));
            }
            assertRefused(api.from("100.70.9.9"), token);
            streams.remove(0).close();
            streams.add(openedWithin(api.from("100.70.9.10"), token, Duration.ofSeconds(15)));
        } finally {
            streams.forEach(SseStream::close);
        }
    }

    @Test
    void oneAddressOpensNoMoreThanTheCap() throws Exception {
        ChatApi address = api.from("100.71.0.1");
        List<SseStream> streams = new ArrayList<>();
        try {
            for (int i = 0; i < PER_ADDRESS; i++) {
                streams.add(opened(address, null));
            }
            assertRefused(address, null);
            assertRefused(address, address.token(ChatApi.uniqueName("sameaddr")));
            try (SseStream other = opened(api.from("100.71.0.2"), null)) {
                assertEquals(200, other.status(), "another address is not limited");
            }
        } finally {
            streams.forEach(SseStream::close);
        }
    }

    /** Streams on other live nodes count; those of a node that stopped answering do not. */
    @Test
    void streamsCountAcrossTheClusterButNotOnDeadNodes() throws Exception {
        String user = ChatApi.uniqueName("elsewhere");
        String token = api.token(user);
        String node = "other-" + user;
        try (RedisClient redis = TestRedis.client()) {
            redis.zadd(Keys.NODES, System.currentTimeMillis() + 60_000, node);
            redis.hset(Keys.userStreams(UserName.claimForm(user)), node, String.valueOf(PER_USER));
            assertRefused(api.from("100.72.0.1"), token);
            redis.zrem(Keys.NODES, node);
            try (SseStream stream = opened(api.from("100.72.0.2"), token)) {
                assertEquals(200, stream.status(), "a dead node's streams do not count");
            }
        }
    }

    private SseStream opened(ChatApi client, String token) throws Exception {
        SseStream stream = client.stream(room, token, null);
        assertEquals(200, stream.status());
        assertNotNull(stream.next("welcome", Duration.ofSeconds(5)), "welcomed");
        return stream;
    }

    /** Opens as soon as the server has noticed that a closed stream is gone (the 2 s test heartbeat). */
    private SseStream openedWithin(ChatApi client, String token, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            SseStream stream = client.stream(room, token, null);
            if (stream.status() == 200 || System.nanoTime() > deadline) {
                assertEquals(200, stream.status(), "a closed stream frees its place");
                return stream;
            }
            stream.close();
            Thread.sleep(250);
        }
    }

    /** A stream over a cap is answered 429 with a JSON error and Retry-After, and no event. */
    private void assertRefused(ChatApi client, String token) throws Exception {
        try (SseStream refused = client.stream(room, token, null)) {
            assertEquals(429, refused.status(), "over the cap");
            assertTrue(refused.response().headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
            long retryAfter = Long.parseLong(refused.response().headers().firstValue("Retry-After").orElse("0"));
            assertTrue(retryAfter >= 1, "Retry-After in whole seconds");
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (!refused.ended() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            JsonObject error = ChatApi.json(new String(refused.rawBytes(), StandardCharsets.UTF_8));
            assertEquals("too_many_streams", error.getString("error"));
            assertTrue(error.getString("message").length() > 0);
        }
    }
}
