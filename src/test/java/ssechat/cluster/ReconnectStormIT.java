package ssechat.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static ssechat.cluster.ClusterIT.millisSince;
import static ssechat.it.ChatApi.uniqueName;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import ssechat.it.ChatApi;

/**
 * node1 holds 1,000 streams and dies by SIGKILL. Every client reconnects to node2 at once, with
 * Last-Event-ID, as Nginx would send it there (the streams go straight to the nodes: Nginx allows
 * 64 per client address, and all test clients share one). All must be back within a bounded
 * time with nothing missed, messages posted during the storm included, and node2 and Redis
 * must still be healthy afterwards.
 */
@Timeout(value = 170, unit = TimeUnit.SECONDS)
class ReconnectStormIT {

    static final System.Logger LOG = System.getLogger(ReconnectStormIT.class.getName());
    static final int STREAMS = 1000;
    static final Duration STORM_LIMIT = Duration.ofSeconds(30);

    @RegisterExtension
    static final LocalCluster cluster = LocalCluster.of(2, Map.of("CHAT_HEARTBEAT_SECONDS", "2", "CHAT_LEAVE_GRACE_MS", "2000"));

    final Room room = Room.unique();

    @Test
    void thousandStreamsOfAKilledNodeResumeOnTheOtherMissingNothing() throws Exception {
        ChatApi node2 = LocalCluster.api(cluster.node(2));
        Writer writer = new Writer(node2, room, node2.token(uniqueName("writer")));
        try (Closer closer = new Closer(); StreamSwarm swarm = new StreamSwarm(room.events(cluster.node(1), null),
                room.events(cluster.node(2), null), STREAMS)) {
            long opening = System.nanoTime();
            swarm.open(100, Duration.ofSeconds(60));
            assertEquals(STREAMS, swarm.countOn("node1"), "every stream is open on node1");
            long openMillis = millisSince(opening);
            List<String> expected = new ArrayList<>(writer.postAll("before", 3, Duration.ZERO));
            assertTrue(swarm.awaitMessages(expected.size(), Duration.ofSeconds(20)), "messages reach all streams before the kill");

            ExecutorService writing = Executors.newSingleThreadExecutor();
            closer.add(writing::shutdownNow);
            cluster.kill(1);
            long killed = System.nanoTime();
            Future<List<String>> during = writing.submit(() -> writer.postAll("storm", 20, Duration.ofMillis(50)));
            boolean back = swarm.awaitAllOn("node2", STORM_LIMIT);
            long stormMillis = TimeUnit.NANOSECONDS.toMillis(swarm.lastWelcome() - killed);
            assertTrue(back, "all " + STREAMS + " clients back on node2 within " + STORM_LIMIT + "; there: " + swarm.countOn("node2"));
            expected.addAll(during.get(60, TimeUnit.SECONDS));
            swarm.awaitMessages(expected.size(), Duration.ofSeconds(20));
            long incomplete = swarm.lost(expected);
            List<Long> reconnects = swarm.reconnectMillis();
            LOG.log(System.Logger.Level.INFO, "Reconnect storm: {0} streams opened in {1} ms; node1 SIGKILLed; all back on "
                    + "node2 {2} ms after the kill; reconnect ms p50 {3}, p99 {4}, max {5} ({6} measured); messages {7} "
                    + "(storm {8}); clients with a message missing, doubled or out of order: {9}",
                    STREAMS, openMillis, stormMillis, Health.percentile(reconnects, 50), Health.percentile(reconnects, 99),
                    Health.percentile(reconnects, 100), reconnects.size(), expected.size(), expected.size() - 3, incomplete);
            assertEquals(0, incomplete, "clients that missed a message (each must hold all " + expected.size() + ", in order)");
            assertEquals(STREAMS, reconnects.size(), "every client measured one reconnect");
            assertEquals(200, Health.status(cluster.node(2)), "node2 and its Redis stay healthy after the storm");
        }
    }
}
