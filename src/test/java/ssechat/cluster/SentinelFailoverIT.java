package ssechat.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static ssechat.cluster.ClusterIT.millisSince;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisException;
import ssechat.it.SseEvent;
import ssechat.it.SseStream;

/**
 * Redis with a replica and a Sentinel (start.sh with CLUSTER_REDIS_SENTINEL=yes; the nodes get
 * REDIS_SENTINELS). The primary dies by SIGKILL; the Sentinel promotes the replica; the nodes
 * follow it without help: posts are accepted again, open streams and a client resuming with
 * Last-Event-ID get every message accepted after the failover, and health is UP.
 */
@Timeout(value = 150, unit = TimeUnit.SECONDS)
class SentinelFailoverIT {

    static final System.Logger LOG = System.getLogger(SentinelFailoverIT.class.getName());
    static final Duration FAILOVER_LIMIT = Duration.ofSeconds(30);
    static final Duration RECOVERY_LIMIT = Duration.ofSeconds(20);

    @RegisterExtension
    static final LocalCluster cluster = LocalCluster.of(2, Map.of("CLUSTER_REDIS_SENTINEL", "yes",
                "CHAT_HEARTBEAT_SECONDS", "2", "CHAT_LEAVE_GRACE_MS", "2000",
                "CHAT_REDIS_TIMEOUT_MS", "1000", "CHAT_REDIS_PROBE_SECONDS", "2"));

    final Room room = Room.unique();

    @Test
    void clusterFollowsTheSentinelToThePromotedReplica() throws Exception {
        int replica = cluster.port("CLUSTER_REDIS_REPLICA_PORT");
        int primary = primaryPort();
        assertTrue(primary > 0 && primary != replica, "the Sentinel names the first primary, not the replica");
        List<URI> nodes = List.of(cluster.node(1), cluster.node(2));
        List<Writer> writers = Writer.onEach(nodes, room);
        try (Closer closer = new Closer()) {
            List<SseStream> open = room.openOnEach(nodes, closer);
            writers.get(0).post("before", "before", Duration.ofSeconds(5));

            cluster.redis("kill", "redis");
            long killed = System.nanoTime();
            long failoverMillis = awaitPrimary(replica);
            long failedOver = System.nanoTime();
            String first = writers.get(1).post("after 0", "after-0", RECOVERY_LIMIT);
            long firstPostMillis = millisSince(failedOver);
            long killToFirstPostMillis = millisSince(killed);
            List<String> after = new ArrayList<>(List.of(first));
            for (int i = 1; i < 10; i++) {
                after.add(writers.get(i % 2).post("after " + i, "after-" + i, Duration.ofSeconds(5)));
            }
            List<Long> upMillis = new ArrayList<>();
            for (URI node : nodes) {
                upMillis.add(Health.await(node, 200, RECOVERY_LIMIT));
            }
            for (SseStream stream : open) {
                assertEquals(after, idsAmong(stream, Set.copyOf(after)),
                        "a stream open across the failover gets every message accepted after it, once, in order");
            }
            assertResumeGets(after.get(0), after.subList(1, after.size()));
            LOG.log(System.Logger.Level.INFO, "Primary SIGKILLed: Sentinel promoted the replica after {0} ms; first post "
                    + "accepted {1} ms after the failover ({2} ms after the kill); health UP {3} ms later (per node); "
                    + "messages after failover {4}, lost 0", failoverMillis, firstPostMillis, killToFirstPostMillis,
                    upMillis, after.size());
        }
    }

    /** The primary's port as the Sentinel names it; 0 if it cannot be asked. */
    private static int primaryPort() {
        try (Jedis sentinel = new Jedis("127.0.0.1", cluster.port("CLUSTER_SENTINEL_PORT"), 1000)) {
            return Integer.parseInt(sentinel.sentinelGetMasterAddrByName("mymaster").get(1));
        } catch (JedisException e) {
            return 0;
        }
    }

    /** Polls the Sentinel until it names the replica as primary; the milliseconds that took. */
    private static long awaitPrimary(int port) throws InterruptedException {
        long start = System.nanoTime();
        while (primaryPort() != port) {
            assertTrue(millisSince(start) < FAILOVER_LIMIT.toMillis(), "the Sentinel promotes the replica within " + FAILOVER_LIMIT);
            TimeUnit.MILLISECONDS.sleep(100);
        }
        return millisSince(start);
    }

    /** The ids of the stream's messages that are in {@code wanted}, in arrival order, until all came (or 10 s of quiet). */
    static List<String> idsAmong(SseStream stream, Set<String> wanted) throws InterruptedException {
        List<String> ids = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        while (!seen.containsAll(wanted)) {
            SseEvent event = stream.next(e -> e.name().equals("message") || e.name().equals(SseStream.END), Duration.ofSeconds(10));
            if (event == null || event.name().equals(SseStream.END)) {
                break;
            }
            if (wanted.contains(event.id())) {
                ids.add(event.id());
                seen.add(event.id());
            }
        }
        return ids;
    }

    private void assertResumeGets(String lastEventId, List<String> expected) throws Exception {
        try (SseStream resumed = SseStream.openAsBrowser(room.events(cluster.nginx(), null), lastEventId)) {
            assertEquals(200, resumed.status());
            assertNotNull(resumed.next("welcome", Room.WAIT));
            assertEquals(expected, idsAmong(resumed, Set.copyOf(expected)),
                    "a client resuming with Last-Event-ID after the failover gets every later message");
        }
    }
}
