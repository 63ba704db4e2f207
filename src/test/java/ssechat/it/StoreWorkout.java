package ssechat.it;

import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import redis.clients.jedis.UnifiedJedis;
import ssechat.admin.control.AuditLog;
import ssechat.admin.control.LoginThrottle;
import ssechat.config.TestConfig;
import ssechat.metrics.control.NodeStatsStore;
import ssechat.metrics.entity.Heap;
import ssechat.metrics.entity.Latency;
import ssechat.metrics.entity.Messages;
import ssechat.metrics.entity.NodeStats;
import ssechat.metrics.entity.RedisStatus;
import ssechat.metrics.entity.Streams;
import ssechat.presence.control.OnlineUsers;
import ssechat.presence.control.PresenceStore;
import ssechat.rooms.control.HistoryStore;
import ssechat.rooms.control.RoomDirectory;
import ssechat.rooms.control.StreamLimit;
import ssechat.rooms.control.TypingSignal;
import ssechat.sessions.control.BanStore;
import ssechat.sessions.control.Bucket;
import ssechat.sessions.control.SessionStore;
import ssechat.sessions.control.WriteGuard;
import ssechat.sessions.entity.Session;

/**
 * Every Redis operation of the stores, by feature, run outside the container on a given client:
 * a single Redis whose commands are checked for slots (OneSlotTest), or a real Redis Cluster.
 * Each step fails with the store's own exception if Redis refuses a command.
 */
public final class StoreWorkout {

    private final TestBeans beans;
    private final String node;

    public StoreWorkout(UnifiedJedis redis, String node) {
        this.beans = new TestBeans(redis, TestConfig.of(node, 5, 5));
        this.node = node;
    }

    /** History (post, idempotent retry, page, find, edit, delete), typing and the directory; answers the first message's id. */
    public String rooms(String room) {
        HistoryStore history = beans.fill(new HistoryStore());
        String first = history.append(room, "ann", "hello", Optional.of("key-1")).message().id();
        if (history.append(room, "ann", "again", Optional.of("key-1")).created()) {
            throw new AssertionError("an idempotency key posted twice");
        }
        history.append(room, "bob", "hi", Optional.empty());
        history.page(room, 10, Optional.empty());
        history.find(room, first).orElseThrow();
        history.lastId(room).orElseThrow();
        history.forEachPageAfter(room, null, page -> { });
        history.edit(room, first, "ann", "hello, edited");
        history.deleteOwn(room, first, "bob");
        history.delete(room, first);
        beans.fill(new TypingSignal()).send(room, "ann", Optional.of("t-1"));
        beans.fill(new RoomDirectory()).rooms(20);
        return first;
    }

    /** Presence (refresh, join, leave, reap, retire) and the stream caps. */
    public void presence(String room) {
        PresenceStore presence = beans.fill(new PresenceStore());
        presence.refresh(node, Duration.ofSeconds(30));
        presence.join(node, room, "ann");
        beans.fill(new OnlineUsers()).in(room);
        presence.leave(node, room, "ann");
        presence.join(node, room, "bob");
        StreamLimit limit = beans.fill(new StreamLimit());
        limit.admit("bob", "10.0.0.1");
        presence.reapDead();
        presence.reap(node, true);
        presence.retire(node, Duration.ofSeconds(1));
        presence.retire(node, Duration.ZERO);
    }

    /** Sessions (claim, check, write guard, logout) and bans. */
    public void sessions(String name) {
        SessionStore sessions = beans.fill(new SessionStore());
        Session session = sessions.open(name);
        if (!sessions.isLive(session)) {
            throw new AssertionError("a new session is not live");
        }
        WriteGuard guard = beans.fill(new WriteGuard());
        guard.admit(session, request("10.0.0.2"), Bucket.MESSAGES);
        guard.admitAnonymous(request("10.0.0.2"), Bucket.MESSAGES);
        sessions.close(session);
        Session banned = sessions.open("banned" + name);
        BanStore bans = beans.fill(new BanStore());
        bans.ban(banned.name(), Duration.ofMinutes(1), "test", "admin");
        bans.bans();
        bans.lift(banned.name());
    }

    /** The admin sign-in throttle, the nodes' figures and history, the audit log. */
    public void admin(String room) {
        LoginThrottle throttle = beans.fill(new LoginThrottle());
        throttle.check("10.0.0.3", "admin-" + node);
        throttle.failed("10.0.0.3", "admin-" + node);
        throttle.succeeded("10.0.0.3", "admin-" + node);
        NodeStatsStore stats = beans.fill(new NodeStatsStore());
        stats.publish(new NodeStats(node, 1_000, 42, new Streams(1, Map.of(room, 1)), 1, new Messages(1, 1, 0, 0), new Latency(1, 1, 1),
                new Latency(1, 1, 1), 0, RedisStatus.down(false, 0, 0), new Heap(1, 2)), Duration.ofSeconds(5));
        stats.live();
        stats.keepSample(node, "{}", Duration.ofMinutes(1), 10);
        stats.samples(Duration.ofMinutes(1));
        stats.remove(node);
        AuditLog audit = beans.fill(new AuditLog());
        audit.record("admin", AuditLog.KICK, room, "ann", "");
        audit.page(5, Optional.empty());
    }

    private static HttpServletRequest request(String address) {
        return (HttpServletRequest) Proxy.newProxyInstance(StoreWorkout.class.getClassLoader(), new Class<?>[] {HttpServletRequest.class},
                (proxy, method, args) -> method.getName().equals("getRemoteAddr") ? address : null);
    }
}
