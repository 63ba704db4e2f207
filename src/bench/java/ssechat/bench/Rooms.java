package ssechat.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.IntFunction;

/**
 * {@code rooms}: {@code --streams-per-room} streams in each of {@code --rooms} rooms through the
 * front ({@code --url}), then messages to the rooms in turn (message i to room i mod rooms) at
 * {@code --rate} per second overall; every (stream, message of its room) pair is checked. Reports
 * per node (from each stream's welcome and each node's {@code /api/admin/metrics}) the streams,
 * the rooms it serves and the Redis pub/sub messages it received while the messages were posted,
 * with the CPU of every node and every redis-server; on one Redis also what a pattern subscription
 * to all rooms received (what every node received before per-room subscriptions).
 */
final class Rooms {

    private Rooms() {
    }

    static Map<String, Object> run(Target front, Options o, String run, ServerProbe nodes) throws Exception {
        int rooms = o.integer("rooms", 100);
        int perRoom = o.integer("streams-per-room", 10);
        double rate = o.decimal("rate", 200);
        int m = o.has("messages") ? o.integer("messages", 0) : (int) Math.round(rate * o.integer("seconds", 30));
        int n = rooms * perRoom;
        String prefix = o.string("room", "bench-" + run);
        IntFunction<String> roomOf = i -> prefix + "-" + (i % rooms);
        List<Target> nodeUrls = o.list("node-urls").stream().map(url -> Target.of(url, Target.Kind.CHAT, url)).toList();
        if (nodeUrls.isEmpty()) {
            throw new IllegalArgumentException("Give --node-urls=$NODE_URLS (each node's metrics are read)");
        }
        NodeMetrics metrics = new NodeMetrics(Path.of(o.string("admin-password-file", "target/bench/admin-password")));
        List<ServerProbe> nodeProcesses = nodeUrls.stream().map(url -> ServerProbe.of(url, List.of())).toList();
        List<ServerProbe> redis = o.list("redis-pids").stream().map(pid -> ServerProbe.of(front, List.of(pid))).toList();
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("settings", Report.settings("rooms", rooms, "streamsPerRoom", perRoom, "messages", m, "ratePerSecond", rate,
                "nodes", nodeUrls.size(), "redisProcesses", redis.size()));
        Deliveries deliveries = new Deliveries(n, m);
        List<String> auth = Writers.authorizations(front, run, o.integer("post-connections", 8));
        try (StreamPool pool = new StreamPool(front, roomOf, deliveries, o.integer("io-threads", 2), o.integer("local-addresses", 4));
             PatternObserver observer = o.has("observe-redis") ? new PatternObserver(o.string("observe-redis", "")) : null) {
            r.put("open", Report.opening(pool.open(n, o.integer("open-concurrency", 1000), o.integer("open-timeout-seconds", 60) * 1000L)));
            // the nodes sample their figures once a second
            Clock.sleepMillis(o.integer("settle-millis", 2500));
            BitSet counted = new BitSet();
            pool.connections().stream().filter(c -> c.open).forEach(c -> counted.set(c.index));
            List<NodeMetrics.Reading> before = read(metrics, nodeUrls);
            long observedBefore = observer == null ? 0 : observer.received();
            long[] nodeTicks = ticks(nodeProcesses);
            long[] redisTicks = ticks(redis);
            CpuMeter.Sample cpuBefore = CpuMeter.sample(nodes);
            long start = Clock.now() + 200_000_000L;
            pool.loops().forEach(loop -> loop.stats.firstSendNanos = start);
            PacedPublisher publisher = new PacedPublisher(front, roomOf, auth, o.integer("text-bytes", 0));
            publisher.run(m, rate, start);
            BitSet[] acceptedByRoom = byRoom(publisher.accepted(), rooms);
            long expected = counted.stream().mapToLong(s -> acceptedByRoom[s % rooms].cardinality()).sum();
            Fanout.awaitDeliveries(deliveries, expected, o.integer("drain-seconds", 20) * 1000L);
            CpuMeter.Sample cpuAfter = CpuMeter.sample(nodes);
            double seconds = (cpuAfter.wallNanos() - cpuBefore.wallNanos()) / 1e9;
            List<Double> nodeCores = cores(nodeProcesses, nodeTicks, seconds);
            List<Double> redisCores = cores(redis, redisTicks, seconds);
            long observed = observer == null ? -1 : observer.received() - observedBefore;
            Clock.sleepMillis(2500);
            List<NodeMetrics.Reading> after = read(metrics, nodeUrls);
            pool.onEachLoop(loop -> { });
            r.put("publish", publisher.summary());
            r.put("deliveries", deliveries.summary(s -> acceptedByRoom[s % rooms], counted));
            r.put("latencyMs", Fanout.merged(pool).summaryMillis());
            r.put("throughput", Fanout.throughput(pool, start));
            r.put("cpu", CpuMeter.between(cpuBefore, cpuAfter, o.decimal("tool-bound", 0.85)));
            r.put("redisCoresEach", redisCores);
            r.put("nodes", perNode(pool, rooms, acceptedByRoom, before, after, nodeCores));
            r.put("patternObserverReceived", observed);
            r.put("streamEndings", pool.endings());
        }
        return r;
    }

    private static List<NodeMetrics.Reading> read(NodeMetrics metrics, List<Target> nodes) throws java.io.IOException {
        List<NodeMetrics.Reading> readings = new ArrayList<>();
        for (Target node : nodes) {
            readings.add(metrics.read(node));
        }
        return readings;
    }

    private static BitSet[] byRoom(BitSet accepted, int rooms) {
        BitSet[] byRoom = new BitSet[rooms];
        for (int i = 0; i < rooms; i++) {
            byRoom[i] = new BitSet();
        }
        accepted.stream().forEach(seq -> byRoom[seq % rooms].set(seq));
        return byRoom;
    }

    /**
     * Per node id: streams and rooms (from the welcomes), the room channels it held and the pub/sub
     * messages it received while posting (its metrics), and the messages posted to its rooms: with
     * per-room subscriptions the two are equal.
     */
    private static Map<String, Object> perNode(StreamPool pool, int rooms, BitSet[] acceptedByRoom, List<NodeMetrics.Reading> before,
                                               List<NodeMetrics.Reading> after, List<Double> cores) throws InterruptedException {
        Map<String, Integer> streams = pool.byNode();
        Map<String, Set<Integer>> served = new TreeMap<>();
        for (SseConnection c : pool.connections()) {
            if (c.open && !c.ended && c.node != null) {
                served.computeIfAbsent(c.node, k -> new HashSet<>()).add(c.index % rooms);
            }
        }
        Map<String, Object> nodes = new TreeMap<>();
        for (int i = 0; i < after.size(); i++) {
            String id = after.get(i).node();
            Set<Integer> its = served.getOrDefault(id, Set.of());
            Map<String, Object> node = new LinkedHashMap<>();
            node.put("streams", streams.getOrDefault(id, 0));
            node.put("rooms", its.size());
            node.put("subscribedRooms", before.get(i).subscribedRooms());
            node.put("messagesReceived", after.get(i).messagesReceived() - before.get(i).messagesReceived());
            node.put("messagesOfItsRooms", its.stream().mapToLong(room -> acceptedByRoom[room].cardinality()).sum());
            node.put("cores", i < cores.size() ? cores.get(i) : -1.0);
            nodes.put(id, node);
        }
        return nodes;
    }

    private static long[] ticks(List<ServerProbe> processes) {
        return processes.stream().mapToLong(ServerProbe::cpuTicks).toArray();
    }

    private static List<Double> cores(List<ServerProbe> processes, long[] before, double seconds) {
        List<Double> cores = new ArrayList<>();
        for (int i = 0; i < processes.size(); i++) {
            cores.add(CpuMeter.cores(processes.get(i).cpuTicks() - before[i], seconds));
        }
        return cores;
    }
}
