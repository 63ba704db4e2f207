package ssechat.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static ssechat.cluster.ClusterIT.millisSince;
import static ssechat.cluster.Room.WAIT;
import static ssechat.cluster.Room.welcomeNode;
import static ssechat.it.ChatApi.uniqueName;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import ssechat.it.ChatApi;
import ssechat.it.SseEvent;
import ssechat.it.SseStream;

/**
 * node1 is stopped with SIGTERM while messages flow. It closes its streams as it stops, each after
 * an {@code ended} {@code shutdown} event, so its
 * EventSource-like clients (through Nginx) are back on node2 at once, resume with Last-Event-ID
 * and miss nothing; and since they are back within CHAT_LEAVE_GRACE_MS, a watcher on node2 sees
 * no leave or join for them. A user who does not come back leaves after the grace period.
 */
@Timeout(value = 150, unit = TimeUnit.SECONDS)
class NodeStopIT {

    static final System.Logger LOG = System.getLogger(NodeStopIT.class.getName());
    static final Duration GRACE = Duration.ofSeconds(3);
    static final Duration HEARTBEAT = Duration.ofSeconds(2);
    static final Duration SWITCH_LIMIT = Duration.ofSeconds(3);

    @RegisterExtension
    static final LocalCluster cluster = LocalCluster.of(2, Map.of(
                "CHAT_HEARTBEAT_SECONDS", String.valueOf(HEARTBEAT.toSeconds()),
                "CHAT_LEAVE_GRACE_MS", String.valueOf(GRACE.toMillis())));

    final Room room = Room.unique();

    @Test
    void stoppedNodesClientsMoveAtOnceWithoutLeaveOrJoinAndMissNothing() throws Exception {
        try (Closer closer = new Closer()) {
            Map<String, ReconnectingClient> movers = movers(closer, 6);
            List<String> onNode1 = movers.keySet().stream().filter(u -> movers.get(u).node().equals("node1")).toList();
            assertTrue(!onNode1.isEmpty(), "least_conn puts some clients on node1");
            String stayer = uniqueName("gone");
            SseStream stayerStream = closer.add(room.open(cluster.node(1), cluster.nginxApi().token(stayer)));
            welcomeNode(stayerStream);
            SseStream watcher = closer.add(room.open(cluster.node(2), null));
            assertEquals("node2", welcomeNode(watcher));

            ExecutorService writing = Executors.newSingleThreadExecutor();
            closer.add(writing::shutdownNow);
            Writer writer = new Writer(cluster.nginxApi(), room, cluster.nginxApi().token(uniqueName("writer")));
            Future<List<String>> posted = writing.submit(() -> writer.postAll("stop", 40, Duration.ofMillis(20)));
            for (ReconnectingClient mover : movers.values()) {
                assertTrue(mover.awaitMessages(5, WAIT).size() >= 5, "messages flow before the stop");
            }

            cluster.terminate(1);
            long stopped = System.nanoTime();
            long switchMillis = awaitAllOn("node2", onNode1.stream().map(movers::get).toList(), SWITCH_LIMIT);
            SseEvent ended = stayerStream.next(e -> e.name().equals("ended") || e.name().equals(SseStream.END), SWITCH_LIMIT);
            assertNotNull(ended, "the stopping node ends its streams");
            assertEquals("ended", ended.name(), "the stopping node tells its streams why they end before it closes them");
            assertEquals("{\"room\":\"" + room.name() + "\",\"reason\":\"shutdown\",\"until\":null}", ended.data());

            List<String> ids = posted.get(60, TimeUnit.SECONDS);
            for (Map.Entry<String, ReconnectingClient> mover : movers.entrySet()) {
                assertEquals(ids, mover.getValue().awaitMessages(ids.size(), Duration.ofSeconds(15)),
                        mover.getKey() + " gets every message once, in order, across the switch");
            }
            List<SseEvent> presence = presenceUntilLeaveOf(stayer, watcher, GRACE.plus(HEARTBEAT.multipliedBy(2)).plusSeconds(5));
            long leaveMillis = millisSince(stopped);
            presence.addAll(presenceFor(watcher, GRACE));
            List<String> flapped = presence.stream().map(e -> e.name() + " " + e.json().getString("user"))
                    .filter(e -> movers.keySet().stream().anyMatch(e::endsWith)).toList();
            assertEquals(List.of(), flapped, "no leave or join for users back within the grace period");
            assertTrue(leaveMillis >= GRACE.toMillis() - 500, "the stayer leaves after the grace period, not at once: " + leaveMillis);
            assertEquals(movers.keySet().stream().sorted().toList(), room.online(cluster.nginx()));

            List<Long> reconnects = onNode1.stream().flatMap(u -> movers.get(u).reconnectMillis().stream()).toList();
            LOG.log(System.Logger.Level.INFO, "SIGTERM node1: {0} clients back on node2 {1} ms after the signal; reconnect "
                    + "(stream end to welcome) ms {2}, p50 {3}, max {4}; messages {5}, lost 0; leave for the user who "
                    + "did not come back after {6} ms (grace {7} ms); leave/join for the others: none",
                    onNode1.size(), switchMillis, reconnects, Health.percentile(reconnects, 50), Health.percentile(reconnects, 100),
                    ids.size(), leaveMillis, GRACE.toMillis());
        }
    }

    private Map<String, ReconnectingClient> movers(Closer closer, int count) throws Exception {
        Map<String, ReconnectingClient> clients = new TreeMap<>();
        for (int i = 0; i < count; i++) {
            String user = uniqueName("mover");
            clients.put(user, closer.add(new ReconnectingClient(room.events(cluster.nginx(), cluster.nginxApi().token(user)))).start());
        }
        return clients;
    }

    /** Polls until every client's latest welcome came from {@code node}; the milliseconds that took. */
    private static long awaitAllOn(String node, List<ReconnectingClient> clients, Duration within) throws InterruptedException {
        long start = System.nanoTime();
        while (!clients.stream().allMatch(c -> c.node().equals(node))) {
            assertTrue(millisSince(start) < within.toMillis(), "clients of the stopped node are back on " + node
                    + " within " + within + " (the node closes its streams as it stops)");
            TimeUnit.MILLISECONDS.sleep(5);
        }
        return millisSince(start);
    }

    /** Every join and leave until the leave of {@code user} (which must come in time). */
    private static List<SseEvent> presenceUntilLeaveOf(String user, SseStream watcher, Duration within) throws InterruptedException {
        List<SseEvent> seen = new ArrayList<>();
        long deadline = System.nanoTime() + within.toNanos();
        SseEvent event;
        do {
            event = watcher.next(e -> e.name().equals("join") || e.name().equals("leave"),
                    Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
            assertNotNull(event, "a leave for " + user + ", whose only stream was on the stopped node, within " + within);
            seen.add(event);
        } while (!(event.name().equals("leave") && event.json().getString("user").equals(user)));
        seen.remove(seen.size() - 1);
        return seen;
    }

    /** Every join and leave that arrives within {@code period}. */
    private static List<SseEvent> presenceFor(SseStream watcher, Duration period) throws InterruptedException {
        List<SseEvent> seen = new ArrayList<>();
        long deadline = System.nanoTime() + period.toNanos();
        SseEvent event;
        while ((event = watcher.next(e -> e.name().equals("join") || e.name().equals("leave"),
                Duration.ofNanos(Math.max(0, deadline - System.nanoTime())))) != null) {
            seen.add(event);
        }
        return seen;
    }
}
