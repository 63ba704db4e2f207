package ssechat.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code fanout}: N streams to one room, then M messages at R per second; every (stream, message)
 * pair is checked: delivered or lost, duplicated, out of order by id, and how late.
 */
final class Fanout {

    private Fanout() {
    }

    static Map<String, Object> run(Target target, Options o, String run, ServerProbe server) throws Exception {
        int n = o.integer("streams", 500);
        int m = o.integer("messages", 200);
        double rate = o.decimal("rate", 20);
        double slowFraction = o.decimal("slow-fraction", 0);
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("settings", Report.settings("streams", n, "messages", m, "ratePerSecond", rate, "slowFraction", slowFraction,
                "textBytes", o.integer("text-bytes", 0)));
        r.put("server", server.describe());
        r.put("memoryBefore", server.memory(o.flag("gc", false)));
        Deliveries deliveries = new Deliveries(n, m);
        String room = o.string("room", "bench-" + run);
        List<String> auth = Writers.authorizations(target, run, o.integer("post-connections", 2));
        try (StreamPool pool = new StreamPool(target, room, deliveries, o.integer("io-threads", 2), o.integer("local-addresses", 4))) {
            int every = slowFraction > 0 ? (int) Math.max(1, Math.round(1 / slowFraction)) : 0;
            int slowBuffer = o.integer("slow-rcvbuf", 8192);
            pool.receiveBuffers(index -> every > 0 && index % every == every / 2 ? slowBuffer : 0);
            StreamPool.Opening opening = pool.open(n, o.integer("open-concurrency", 1000), o.integer("open-timeout-seconds", 60) * 1000L);
            r.put("open", Report.opening(opening));
            Clock.sleepMillis(o.integer("settle-millis", 1000));
            r.put("memoryAfterOpen", server.memory(o.flag("gc", false)));
            List<SseConnection> slow = slowStreams(pool, slowFraction);
            pool.pause(slow, true);
            BitSet counted = counted(pool, slow);
            Path jfr = o.has("jfr") ? Path.of(o.string("jfr", "")) : null;
            if (jfr != null) {
                server.startRecording(jfr);
            }
            CpuMeter.Sample before = CpuMeter.sample(server);
            long start = Clock.now() + 200_000_000L;
            pool.loops().forEach(loop -> loop.stats.firstSendNanos = start);
            PacedPublisher publisher = new PacedPublisher(target, room, auth, o.integer("text-bytes", 0));
            publisher.run(m, rate, start);
            long postsDone = Clock.now();
            long expected = (long) publisher.accepted().cardinality() * counted.cardinality();
            awaitDeliveries(deliveries, expected, o.integer("drain-seconds", 20) * 1000L);
            r.put("drainAfterLastPostMs", (Clock.now() - postsDone) / 1_000_000L);
            CpuMeter.Sample after = CpuMeter.sample(server);
            if (jfr != null) {
                server.stopRecording();
                r.put("jfr", jfr.toString());
            }
            r.put("memoryAfter", server.memory(o.flag("gc", false)));
            pool.onEachLoop(loop -> { });
            r.put("publish", publisher.summary());
            r.put("deliveries", deliveries.summary(publisher.accepted(), counted));
            r.put("latencyMs", merged(pool).summaryMillis());
            r.put("throughput", throughput(pool, start));
            r.put("cpu", CpuMeter.between(before, after, o.decimal("tool-bound", 0.85)));
            r.put("streamsDroppedByServer", counted.stream().filter(i -> pool.connections().get(i).ended).count());
            r.put("slowReaders", slowReaders(pool, slow, deliveries, publisher.accepted()));
            r.put("streamsByNode", pool.byNode());
            r.put("streamEndings", pool.endings());
        }
        return r;
    }

    /** Every k-th open stream, k = 1 / fraction: these stop reading right after opening (with a small SO_RCVBUF). */
    private static List<SseConnection> slowStreams(StreamPool pool, double fraction) {
        List<SseConnection> slow = new ArrayList<>();
        if (fraction > 0) {
            int every = (int) Math.max(1, Math.round(1 / fraction));
            for (SseConnection c : pool.connections()) {
                if (c.open && c.index % every == every / 2) {
                    slow.add(c);
                }
            }
        }
        return slow;
    }

    private static BitSet counted(StreamPool pool, List<SseConnection> slow) {
        BitSet counted = new BitSet();
        for (SseConnection c : pool.connections()) {
            if (c.open) {
                counted.set(c.index);
            }
        }
        slow.forEach(c -> counted.clear(c.index));
        return counted;
    }

    /** Waits until every expected delivery arrived, nothing arrived for 5 s, or the drain time is over. */
    static void awaitDeliveries(Deliveries deliveries, long expected, long drainMillis) {
        long deadline = Clock.now() + drainMillis * 1_000_000L;
        long last = -1;
        long lastProgress = Clock.now();
        while (Clock.now() < deadline) {
            long now = deliveries.delivered();
            if (now >= expected) {
                return;
            }
            if (now != last) {
                last = now;
                lastProgress = Clock.now();
            } else if (Clock.now() - lastProgress > 5_000_000_000L) {
                return;
            }
            Clock.sleepMillis(20);
        }
    }

    static Histogram merged(StreamPool pool) {
        Histogram all = new Histogram();
        pool.loops().forEach(loop -> all.add(loop.stats.latency));
        return all;
    }

    /** Deliveries per second: all of them over first send to last delivery, and the best whole second. */
    static Map<String, Object> throughput(StreamPool pool, long start) {
        long[] perSecond = new long[LoopStats.SECONDS];
        long total = 0;
        long last = start;
        for (IoLoop loop : pool.loops()) {
            for (int s = 0; s < perSecond.length; s++) {
                perSecond[s] += loop.stats.perSecond[s];
                total += loop.stats.perSecond[s];
            }
            last = Math.max(last, loop.stats.lastDeliveryNanos);
        }
        long peak = 0;
        List<Long> timeline = new ArrayList<>();
        for (int s = 0; s < perSecond.length && s <= (last - start) / 1_000_000_000L; s++) {
            peak = Math.max(peak, perSecond[s]);
            timeline.add(perSecond[s]);
        }
        Map<String, Object> t = new LinkedHashMap<>();
        double seconds = Math.max(1e-9, (last - start) / 1e9);
        t.put("deliveriesPerSecond", Math.round(total / seconds));
        t.put("peakSecond", peak);
        t.put("seconds", CpuMeter.round(seconds));
        t.put("perSecond", timeline);
        return t;
    }

    /** Lets the slow streams read again for 3 s, then counts how many the server had closed. */
    private static Map<String, Object> slowReaders(StreamPool pool, List<SseConnection> slow, Deliveries deliveries,
                                                   BitSet accepted) throws InterruptedException {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("streams", slow.size());
        if (!slow.isEmpty()) {
            pool.pause(slow, false);
            Clock.sleepMillis(3000);
            pool.onEachLoop(loop -> { });
            s.put("closedByServer", slow.stream().filter(c -> c.ended).count());
            BitSet which = new BitSet();
            slow.forEach(c -> which.set(c.index));
            s.put("deliveriesAfterResuming", deliveries.summary(accepted, which));
        }
        return s;
    }
}
