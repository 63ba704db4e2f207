package ssechat.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static ssechat.cluster.ClusterIT.millisSince;
import static ssechat.cluster.Room.WAIT;
import static ssechat.cluster.Room.welcomeNode;
import static ssechat.it.ChatApi.uniqueName;

import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import ssechat.it.ChatApi;
import ssechat.it.SseEvent;
import ssechat.it.SseStream;

/**
 * node1 dies by SIGKILL while messages flow. Its clients (EventSource-like, through Nginx) must
 * reconnect to node2 with Last-Event-ID and receive every message exactly once, in order; users
 * whose only streams were on node1 must get `leave` within two heartbeats; nobody else may.
 */
final class NodeKill {

    private static final int MESSAGES = 40;
    private static final int BEFORE_KILL = 10;

    private final LocalCluster cluster;
    private final Room room;
    private final Duration heartbeat;
    private final ChatApi nginx;
    private final Set<String> onlyOnNode1 = Set.of(uniqueName("ghost"), uniqueName("ghost"));
    private Map<String, ReconnectingClient> movers;
    private SseStream observer;

    NodeKill(LocalCluster cluster, Room room, Duration heartbeat) throws Exception {
        this.cluster = cluster;
        this.room = room;
        this.heartbeat = heartbeat;
        this.nginx = LocalCluster.api(cluster.nginx());
    }

    void run() throws Exception {
        try (Closer closer = new Closer()) {
            connectEveryone(closer);
            ExecutorService writer = Executors.newSingleThreadExecutor();
            closer.add(writer::shutdownNow);
            Future<List<String>> posted = writer.submit(this::postAll);
            for (ReconnectingClient client : movers.values()) {
                assertTrue(client.awaitMessages(BEFORE_KILL, WAIT).size() >= BEFORE_KILL, "messages flow before the kill");
            }
            cluster.kill(1);
            long killed = System.nanoTime();
            assertEquals(onlyOnNode1, awaitLeaves(heartbeat.multipliedBy(2)),
                    "leave for node1's users within two heartbeats, and for nobody else");
            long leaveMillis = millisSince(killed);
            assertEveryMoverGot(posted.get(30, TimeUnit.SECONDS));
            assertNull(observer.next(e -> e.name().equals("leave"), heartbeat), "no leave for users who reconnected");
            assertEquals(movers.keySet().stream().sorted().toList(), room.online(cluster.nginx()));
            report(leaveMillis);
        }
    }

    /** Movers through Nginx (some land on node1), an observer on node2, and users only on node1. */
    private void connectEveryone(Closer closer) throws Exception {
        movers = reconnectingClients(closer, 4);
        assertTrue(movers.values().stream().anyMatch(c -> c.node().equals("node1")), "some clients are on node1");
        observer = closer.add(room.open(cluster.node(2), null));
        welcomeNode(observer);
        for (String user : onlyOnNode1) {
            welcomeNode(closer.add(room.open(cluster.node(1), nginx.token(user))));
        }
    }

    private void assertEveryMoverGot(List<String> ids) throws InterruptedException {
        for (Map.Entry<String, ReconnectingClient> mover : movers.entrySet()) {
            assertEquals(ids, mover.getValue().awaitMessages(ids.size(), Duration.ofSeconds(15)),
                    mover.getKey() + " gets every message once, in order, across the reconnect");
        }
    }

    /** EventSource-like clients through Nginx, by user name; least_conn spreads them over both nodes. */
    private Map<String, ReconnectingClient> reconnectingClients(Closer closer, int count) throws Exception {
        Map<String, ReconnectingClient> clients = new TreeMap<>();
        for (int i = 0; i < count; i++) {
            String user = uniqueName("mover");
            clients.put(user, closer.add(new ReconnectingClient(room.events(cluster.nginx(), nginx.token(user)))).start());
        }
        return clients;
    }

    /** Posts through Nginx, 10 ms apart; a failed POST is repeated with the same Idempotency-Key. */
    private List<String> postAll() throws InterruptedException {
        String token = nginx.token(uniqueName("writer"));
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < MESSAGES; i++) {
            ids.add(postSurely(token, "message " + i, "kill-test-" + i));
            TimeUnit.MILLISECONDS.sleep(10);
        }
        return ids;
    }

    private String postSurely(String token, String text, String key) throws InterruptedException {
        for (int attempt = 1; ; attempt++) {
            try {
                HttpResponse<String> response = nginx.post(room.name(), token,
                        "{\"text\":" + ChatApi.quote(text) + "}", Map.of("Idempotency-Key", key));
                if (response.statusCode() == 201 || response.statusCode() == 200) {
                    return ChatApi.json(response.body()).getString("id");
                }
                if (response.statusCode() < 500 || attempt == 5) {
                    throw new AssertionError("post " + key + ": " + response.statusCode() + " " + response.body());
                }
            } catch (UncheckedIOException e) {
                if (attempt == 5) {
                    throw e;
                }
            }
            TimeUnit.MILLISECONDS.sleep(100);
        }
    }

    /** The users named in `leave` events until all of node1's are in, or the time is up. */
    private Set<String> awaitLeaves(Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        Set<String> left = new HashSet<>();
        while (!left.containsAll(onlyOnNode1)) {
            SseEvent leave = observer.next("leave", Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
            if (leave == null) {
                break;
            }
            left.add(leave.json().getString("user"));
        }
        return left;
    }

    private void report(long leaveMillis) {
        Map<String, List<Long>> reconnects = new TreeMap<>();
        movers.forEach((user, client) -> reconnects.put(user, client.reconnectMillis()));
        ClusterIT.LOG.log(System.Logger.Level.INFO,
                "node1 killed: reconnect ms per client {0}; leave for its users after {1} ms; messages lost: 0", reconnects, leaveMillis);
    }
}
