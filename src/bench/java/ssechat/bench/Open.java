package ssechat.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code open}: what opening streams costs. {@code --batches} times, N streams open to a room of
 * their own and close again; each batch reports the time to open all of them and the server's CPU
 * spent meanwhile ({@code /proc/<pid>/stat} utime + stime), per open. With {@code --cold} the tool
 * first restarts the sse-chat node ({@code servers.sh restart}) and waits {@code --cold-wait-seconds}
 * (30): the first batch meets a node whose JIT has seen no stream, the later ones a warm node.
 */
final class Open {

    private static final double MS_PER_TICK = 10.0;

    private Open() {
    }

    /** Restarts the node for {@code --cold} (sse-chat only) and waits; returns what happened, to report. */
    static Map<String, Object> restartIfCold(Target target, Options o) {
        Map<String, Object> cold = new LinkedHashMap<>();
        if (target.kind() != Target.Kind.CHAT || !o.flag("cold", false)) {
            return cold;
        }
        int node = o.integer("cold-node", 1);
        int wait = o.integer("cold-wait-seconds", 30);
        long start = Clock.now();
        String out = ServerProbe.run(Path.of(o.string("servers", "server-config/bench/servers.sh")).toString(), "restart",
                String.valueOf(node));
        if (!out.contains("restarted")) {
            throw new IllegalStateException("servers.sh restart " + node + " failed:\n" + out);
        }
        cold.put("restartedNode", node);
        cold.put("readyAfterSeconds", CpuMeter.round((Clock.now() - start) / 1e9));
        cold.put("waitedSeconds", wait);
        System.out.printf("  node%d restarted, ready after %.1f s; waiting %d s%n", node, (Clock.now() - start) / 1e9, wait);
        Clock.sleepMillis(wait * 1000L);
        return cold;
    }

    static Map<String, Object> run(Target target, Options o, String run, ServerProbe server, Map<String, Object> cold) throws Exception {
        int n = o.integer("streams", 5000);
        int batches = o.integer("batches", 3);
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("settings", Report.settings("streams", n, "batches", batches, "cold", !cold.isEmpty()));
        r.put("server", server.describe());
        r.put("cold", cold);
        List<Map<String, Object>> results = new ArrayList<>();
        for (int b = 0; b < batches; b++) {
            if (b > 0) {
                Clock.sleepMillis(o.integer("pause-seconds", 5) * 1000L);
            }
            Map<String, Object> batch = batch(target, o, run + "-" + b, server, n);
            System.out.printf("  batch %d: %s%n", b + 1, batch);
            results.add(batch);
        }
        r.put("batches", results);
        r.put("cpu", results.get(0).get("cpu"));
        return r;
    }

    private static Map<String, Object> batch(Target target, Options o, String room, ServerProbe server, int n) throws Exception {
        Map<String, Object> batch = new LinkedHashMap<>();
        long rssBefore = server.rssKb();
        try (StreamPool pool = new StreamPool(target, "bench-" + room, new Deliveries(n, 0), o.integer("io-threads", 2),
                o.integer("local-addresses", 4))) {
            CpuMeter.Sample before = CpuMeter.sample(server);
            StreamPool.Opening opening = pool.open(n, o.integer("open-concurrency", 1000), o.integer("open-timeout-seconds", 60) * 1000L);
            CpuMeter.Sample after = CpuMeter.sample(server);
            batch.put("open", Report.opening(opening));
            double cpuMs = (after.serverTicks() - before.serverTicks()) * MS_PER_TICK;
            batch.put("openSeconds", CpuMeter.round(opening.millis() / 1000));
            batch.put("serverCpuMs", cpuMs);
            batch.put("cpuMsPerOpen", CpuMeter.round(cpuMs / Math.max(1, opening.opened())));
            batch.put("cpu", CpuMeter.between(before, after, o.decimal("tool-bound", 0.85)));
            batch.put("rssGrowthKbPerStream", CpuMeter.round((server.rssKb() - rssBefore) / (double) Math.max(1, opening.opened())));
        }
        return batch;
    }
}
