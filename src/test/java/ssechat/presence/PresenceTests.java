package ssechat.presence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import jakarta.json.JsonArray;
import jakarta.json.JsonString;
import java.io.StringReader;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import ssechat.it.ChatApi;
import ssechat.it.ChatServer;
import ssechat.it.SseEvent;
import ssechat.it.SseStream;
import ssechat.it.TestRedis;
import ssechat.redis.control.Keys;

/** Who is online: join and leave once per user per room, whatever the number of tabs or nodes. */
public abstract class PresenceTests {

    private final ChatApi api = ChatServer.api();
    private final String room = ChatApi.uniqueRoom("presence");

    @Test
    void joinAndLeaveOncePerUserHoweverManyTabs() throws Exception {
        String user = ChatApi.uniqueName("tabs");
        String token = api.token(user);
        try (SseStream watcher = api.stream(room, null, null)) {
            assertNotNull(watcher.next("welcome", Duration.ofSeconds(5)));
            SseStream tab1 = api.stream(room, token, null);
            SseStream tab2 = api.stream(room, token, null);
            SseStream tab3 = api.stream(room, token, null);
            assertEquals(user, watcher.next("join", Duration.ofSeconds(5)).json().getString("user"));
            assertEquals(List.of(user), online());
            tab1.close();
            tab2.close();
            assertNull(watcher.next(e -> e.name().equals("join") || e.name().equals("leave"), Duration.ofSeconds(6)),
                    "no leave while a tab is open, no second join");
            assertEquals(List.of(user), online());
            tab3.close();
            SseEvent leave = watcher.next("leave", Duration.ofSeconds(10));
            assertNotNull(leave, "leave once the last tab is gone");
            assertEquals(user, leave.json().getString("user"));
            assertEquals(List.of(), online());
        }
    }

    @Test
    void aReconnectWithinTheGracePeriodCausesNoLeave() throws Exception {
        String user = ChatApi.uniqueName("reload");
        String token = api.token(user);
        try (SseStream watcher = api.stream(room, null, null)) {
            assertNotNull(watcher.next("welcome", Duration.ofSeconds(5)));
            SseStream before = api.stream(room, token, null);
            assertNotNull(watcher.next("join", Duration.ofSeconds(5)));
            before.close();
            try (SseStream after = api.stream(room, token, null)) {
                assertNotNull(after.next("welcome", Duration.ofSeconds(5)));
                assertNull(watcher.next(e -> e.name().equals("join") || e.name().equals("leave"), Duration.ofSeconds(7)),
                        "a reload is not a leave and a join");
            }
        }
    }

    @Test
    void onlineUsersAreSorted() throws Exception {
        String zed = "zz_" + ChatApi.uniqueName("z");
        String amy = "aa_" + ChatApi.uniqueName("a");
        try (SseStream z = api.stream(room, api.token(zed), null); SseStream a = api.stream(room, api.token(amy), null)) {
            assertNotNull(z.next("welcome", Duration.ofSeconds(5)));
            assertNotNull(a.next("welcome", Duration.ofSeconds(5)));
            assertEquals(List.of(amy, zed), online());
        }
    }

    /** A node that died without a word: its alive key is gone, so the live node reaps it. */
    @Test
    void usersOfADeadNodeLeaveWithinTwoHeartbeats() throws Exception {
        String ghost = ChatApi.uniqueName("ghost");
        try (SseStream watcher = api.stream(room, null, null); Jedis redis = new Jedis("127.0.0.1", TestRedis.port())) {
            assertNotNull(watcher.next("welcome", Duration.ofSeconds(5)));
            redis.zadd(Keys.NODES, 1, "dead-node");
            redis.sadd(Keys.nodeRooms("dead-node"), room);
            redis.hset(Keys.roomNodeStreams(room, "dead-node"), ghost, "2");
            redis.hset(Keys.online(room), ghost, "2");
            long start = System.nanoTime();
            SseEvent leave = watcher.next("leave", Duration.ofSeconds(4));
            assertNotNull(leave, "a leave within two heartbeats (2 s each in tests)");
            assertEquals(ghost, leave.json().getString("user"));
            assertEquals(List.of(), online());
            assertEquals(null, redis.zscore(Keys.NODES, "dead-node"));
            System.out.printf("dead node reaped after %d ms%n", Duration.ofNanos(System.nanoTime() - start).toMillis());
        }
    }

    private List<String> online() {
        JsonArray users = jakarta.json.Json.createReader(new StringReader(api.get("api/rooms/" + room + "/users").body())).readArray();
        return users.getValuesAs(JsonString.class).stream().map(JsonString::getString).toList();
    }
}
