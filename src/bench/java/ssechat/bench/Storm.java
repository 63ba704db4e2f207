package ssechat.bench;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code storm}: a reconnect storm. N streams open through the Nginx front ({@code --url}) while
 * only node A takes them (servers.sh with {@code BENCH_FRONT_BACKUP=1}); {@code --b-streams}
 * more open on node B directly ({@code --b-url}). Messages go to B at {@code --rate} from
 * {@code --before-seconds} before A is killed with SIGKILL ({@code --a-pid}) to {@code --seconds}
 * after. Every dropped stream connects again at once through the front with {@code Last-Event-ID}.
 * Reports per stream the time from the kill to its new welcome (p50/p99), the messages any stream
 * missed (0 expected: replay fills the gap), and B's delivery latency during the storm, measured
 * on B's own streams for messages sent after the kill.
 */
final class Storm {

    private Storm() {
    }

    static Map<String, Object> run(Target front, Options o, String run, ServerProbe ignored) throws Exception {
        int n = o.integer("streams", 5000);
        int bStreams = o.integer("b-streams", 500);
        double rate = o.decimal("rate", 5);
        int before = o.integer("before-seconds", 3);
        int after = o.integer("seconds", 20);
        int m = (int) Math.ceil(rate * (before + after));
        Target b = Target.of("node B", Target.Kind.CHAT, o.string("b-url", "http://127.0.0.1:8181"));
        long aPid = Long.parseLong(o.string("a-pid", ""));
        ServerProbe bServer = ServerProbe.of(b, o.list("b-pids"));
        String room = o.string("room", "bench-" + run);
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("settings", Report.settings("streams", n, "bStreams", bStreams, "ratePerSecond", rate, "messages", m,
                "beforeSeconds", before, "afterSeconds", after, "aPid", aPid));
        r.put("nodeB", bServer.describe());
        Deliveries moved = new Deliveries(n, m);
        Deliveries stayed = new Deliveries(bStreams, m);
        List<String> auth = Writers.authorizations(b, run, o.integer("post-connections", 2));
        try (StreamPool pool = new StreamPool(front, room, moved, o.integer("io-threads", 2), o.integer("local-addresses", 4));
             StreamPool onB = new StreamPool(b, room, stayed, 1, 1)) {
            pool.keepLastEventId();
            StreamPool.Opening opening = pool.open(n, o.integer("open-concurrency", 1000), o.integer("open-timeout-seconds", 60) * 1000L);
            r.put("open", Report.opening(opening));
            r.put("openBStreams", Report.opening(onB.open(bStreams, 1000, 60_000)));
            r.put("streamsByNodeBefore", pool.byNode());
            pool.reconnecting(o.integer("max-attempts", 100), o.integer("retry-millis", 200));
            long start = Clock.now() + 200_000_000L;
            PacedPublisher publisher = new PacedPublisher(b, room, auth, 0);
            Thread publishing = new Thread(() -> {
                try {
                    publisher.run(m, rate, start);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "bench-storm-publisher");
            publishing.start();
            Clock.sleepUntil(start + before * 1_000_000_000L);
            long kill = Clock.now();
            onB.loops().forEach(loop -> loop.stats.latencyFromNanos = kill);
            CpuMeter.Sample cpuBefore = CpuMeter.sample(bServer);
            if (!ProcessHandle.of(aPid).map(ProcessHandle::destroyForcibly).orElse(false)) {
                throw new IllegalStateException("no process " + aPid + " to kill (--a-pid)");
            }
            long back = awaitReconnections(pool, opening.opened(), kill, o.integer("storm-timeout-seconds", 60));
            CpuMeter.Sample cpuBack = CpuMeter.sample(bServer);
            publishing.join();
            awaitDeliveries(List.of(moved, stayed), publisher.accepted().cardinality() * (long) (opening.opened() + bStreams),
                    o.integer("drain-seconds", 20));
            pool.onEachLoop(loop -> { });
            onB.onEachLoop(loop -> { });
            r.put("reconnect", reconnections(pool, kill, back));
            r.put("cpuUntilAllBack", CpuMeter.between(cpuBefore, cpuBack, o.decimal("tool-bound", 0.85)));
            r.put("publish", publisher.summary());
            r.put("deliveries", moved.summary(publisher.accepted(), openedOnes(pool)));
            r.put("deliveriesBStreams", stayed.summary(publisher.accepted(), openedOnes(onB)));
            Histogram onBLatency = new Histogram();
            onB.loops().forEach(loop -> onBLatency.add(loop.stats.latency));
            r.put("bLatencyDuringStormMs", onBLatency.summaryMillis());
            r.put("streamsByNodeAfter", pool.byNode());
            r.put("streamEndings", pool.endings());
            r.put("cpu", CpuMeter.between(cpuBefore, CpuMeter.sample(bServer), o.decimal("tool-bound", 0.85)));
        }
        return r;
    }

    /** Waits until every stream that was open is back (or the timeout); returns when the last came back. */
    private static long awaitReconnections(StreamPool pool, int expected, long kill, int timeoutSeconds) throws InterruptedException {
        long deadline = kill + timeoutSeconds * 1_000_000_000L;
        while (Clock.now() < deadline) {
            long back = pool.connections().stream().filter(c -> c.reopenedAt != 0).count();
            if (back >= expected) {
                break;
            }
            Thread.sleep(10);
        }
        return pool.connections().stream().mapToLong(c -> c.reopenedAt).max().orElse(kill);
    }

    private static void awaitDeliveries(List<Deliveries> all, long expected, int seconds) {
        long deadline = Clock.now() + seconds * 1_000_000_000L;
        while (Clock.now() < deadline && all.stream().mapToLong(Deliveries::delivered).sum() < expected) {
            Clock.sleepMillis(20);
        }
    }

    private static BitSet openedOnes(StreamPool pool) {
        BitSet opened = new BitSet();
        pool.connections().stream().filter(c -> c.open || c.droppedAt != 0).forEach(c -> opened.set(c.index));
        return opened;
    }

    private static Map<String, Object> reconnections(StreamPool pool, long kill, long lastBack) {
        Histogram sinceKill = new Histogram();
        Histogram sinceDrop = new Histogram();
        int dropped = 0;
        int back = 0;
        int attempts = 0;
        List<Integer> notBack = new ArrayList<>();
        for (SseConnection c : pool.connections()) {
            if (c.droppedAt == 0) {
                continue;
            }
            dropped++;
            if (c.reopenedAt != 0) {
                back++;
                attempts += c.attempts;
                sinceKill.recordNanos(c.reopenedAt - kill);
                sinceDrop.recordNanos(c.reopenedAt - c.droppedAt);
            } else if (notBack.size() < 10) {
                notBack.add(c.index);
            }
        }
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("dropped", dropped);
        r.put("back", back);
        r.put("attempts", attempts);
        r.put("allBackAfterMs", CpuMeter.round((lastBack - kill) / 1e6));
        r.put("sinceKillMs", sinceKill.summaryMillis());
        r.put("sinceDropMs", sinceDrop.summaryMillis());
        r.put("someNotBack", notBack);
        return r;
    }
}
