package ssechat.redis.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.params.SetParams;
import ssechat.config.TestConfig;
import ssechat.http.ApiException;
import ssechat.it.TestBeans;
import ssechat.it.TestRedis;
import ssechat.rooms.control.HistoryStore;
import ssechat.rooms.entity.StoredMessage;
import ssechat.sessions.control.SessionStore;
import ssechat.sessions.entity.Session;
import ssechat.sessions.entity.UserName;

/**
 * A Redis holding keys of the layout before hash tags, moved by the upgrade and then read through
 * the stores: history (with an edit) reads as before, a live session's token still acts, a
 * logged-out one is still refused, a retried post is still answered with its first message.
 */
class KeyLayoutUpgradeTest {

    private static final long TOKEN_SECONDS = 3600;
    private final RedisClient redis = TestRedis.client();
    private final TestBeans beans = new TestBeans(redis, TestConfig.of("upgrade-node", 5, 5));
    private final String id = UUID.randomUUID().toString().substring(0, 8);
    private final String room = "old-" + id;
    private final Session live = session("alice" + id);
    private final Session loggedOut = session("bob" + id);

    @AfterEach
    void close() {
        redis.close();
    }

    @Test
    void historySessionsAndRevocationsOfTheOlderLayoutSurvive() {
        String first = redis.xadd("chat:history:" + room, StreamEntryID.NEW_ENTRY, Map.of("u", "alice", "j", fragment("first"))).toString();
        String second = redis.xadd("chat:history:" + room, StreamEntryID.NEW_ENTRY, Map.of("u", "alice", "j", fragment("second"))).toString();
        String edited = "{\"id\":\"" + first + "\"," + fragment("first, edited") + ",\"ts\":1,\"editedTs\":2}";
        redis.hset("chat:edits:" + room, first, edited);
        redis.set("chat:name:" + UserName.claimForm(live.name()), live.id(), SetParams.setParams().ex(TOKEN_SECONDS));
        redis.set("chat:revoked:" + loggedOut.id(), "1", SetParams.setParams().ex(TOKEN_SECONDS));
        String posted = "{\"id\":\"" + second + "\"," + fragment("second") + ",\"ts\":1}";
        redis.set("chat:idem:alice:retry-" + id, posted, SetParams.setParams().ex(600));
        redis.hset("chat:online:" + room, "alice", "1");

        Map<String, Long> moved = upgrade().moveAll();
        assertTrue(moved.get("history") >= 1 && moved.get("name claims") >= 1 && moved.get("revocations") >= 1, moved::toString);

        HistoryStore history = beans.fill(new HistoryStore());
        List<StoredMessage> page = history.page(room, 10, Optional.empty());
        assertEquals(List.of(first, second), page.stream().map(StoredMessage::id).toList());
        assertEquals(edited, page.get(0).json(), "the edit is applied as before");

        SessionStore sessions = beans.fill(new SessionStore());
        assertTrue(sessions.isLive(live), "the live session still holds its name");
        long claimLives = redis.ttl(Keys.nameClaim(UserName.claimForm(live.name())));
        assertTrue(claimLives > TOKEN_SECONDS - 60, "and the claim keeps its time to live: " + claimLives);
        assertFalse(sessions.isLive(loggedOut), "the logged-out session stays ended");
        assertThrows(ApiException.class, () -> sessions.close(loggedOut), "and cannot log out again");

        assertEquals(posted, redis.get(Keys.idempotency(room, "alice", "retry-" + id)), "a post's idempotency key moved to its room");
        assertFalse(redis.exists("chat:online:" + room), "presence is counted again, not moved");
        assertFalse(redis.exists("chat:history:" + room));

        Map<String, Long> again = upgrade().moveAll();
        assertEquals(0L, again.get("history") + again.get("name claims") + again.get("revocations"), "a second run finds nothing: " + again);
    }

    private KeyLayoutUpgrade upgrade() {
        return beans.fill(new KeyLayoutUpgrade());
    }

    private String fragment(String text) {
        return "\"room\":\"" + room + "\",\"user\":\"alice\",\"text\":\"" + text + "\"";
    }

    private static Session session(String name) {
        return new Session(name, "sid-" + UUID.randomUUID(), Instant.now().plusSeconds(TOKEN_SECONDS));
    }
}
