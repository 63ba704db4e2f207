package ssechat.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code idle}: N streams held open for T seconds with no messages. Memory per stream is
 * (RSS after the hold - RSS before opening) / N; every stream should stay open and see heartbeats.
 */
final class Idle {

    private Idle() {
    }

    static Map<String, Object> run(Target target, Options o, String run, ServerProbe server) throws Exception {
        int n = o.integer("streams", 1000);
        int hold = o.integer("seconds", 30);
        boolean collect = o.flag("gc", true);
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("settings", Report.settings("streams", n, "holdSeconds", hold, "gcBeforeMeasuring", collect));
        r.put("server", server.describe());
        Map<String, Object> before = server.memory(collect);
        r.put("memoryBefore", before);
        try (StreamPool pool = new StreamPool(target, o.string("room", "bench-" + run), new Deliveries(n, 0),
                o.integer("io-threads", 2), o.integer("local-addresses", 4))) {
            StreamPool.Opening opening = pool.open(n, o.integer("open-concurrency", 1000), o.integer("open-timeout-seconds", 60) * 1000L);
            r.put("open", Report.opening(opening));
            Clock.sleepMillis(o.integer("settle-millis", 2000));
            Map<String, Object> afterOpen = server.memory(collect);
            r.put("memoryAfterOpen", afterOpen);
            int[] beats = heartbeats(pool);
            CpuMeter.Sample a = CpuMeter.sample(server);
            Clock.sleepMillis(hold * 1000L);
            CpuMeter.Sample b = CpuMeter.sample(server);
            int[] later = heartbeats(pool);
            Map<String, Object> after = server.memory(collect);
            r.put("memoryAfter", after);
            r.put("perStream", perStream(before, after, opening.opened()));
            r.put("perStreamAfterOpen", perStream(before, afterOpen, opening.opened()));
            r.put("alive", alive(pool.connections(), beats, later));
            r.put("cpu", CpuMeter.between(a, b, o.decimal("tool-bound", 0.85)));
            r.put("streamsByNode", pool.byNode());
            r.put("streamEndings", pool.endings());
        }
        return r;
    }

    private static int[] heartbeats(StreamPool pool) throws InterruptedException {
        pool.onEachLoop(loop -> { });
        return pool.connections().stream().mapToInt(c -> c.heartbeats).toArray();
    }

    private static Map<String, Object> perStream(Map<String, Object> before, Map<String, Object> after, int streams) {
        Map<String, Object> p = new LinkedHashMap<>();
        long rss = (long) after.get("rssKb") - (long) before.get("rssKb");
        long heap = (long) after.get("heapUsedKb") - (long) before.get("heapUsedKb");
        p.put("rssKb", CpuMeter.round(rss / (double) Math.max(1, streams)));
        p.put("heapKb", (long) before.get("heapUsedKb") < 0 ? null : CpuMeter.round(heap / (double) Math.max(1, streams)));
        return p;
    }

    private static Map<String, Object> alive(List<SseConnection> connections, int[] before, int[] after) {
        int open = 0;
        int beating = 0;
        int minBeats = Integer.MAX_VALUE;
        for (SseConnection c : connections) {
            if (c.open && !c.ended) {
                open++;
                int beats = after[c.index] - before[c.index];
                beating += beats > 0 ? 1 : 0;
                minBeats = Math.min(minBeats, beats);
            }
        }
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("stillOpen", open);
        a.put("sawHeartbeat", beating);
        a.put("minHeartbeats", open == 0 ? 0 : minBeats);
        a.put("allAlive", open == connections.size() && beating == open);
        return a;
    }
}
