package ssechat.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/** {@code publish}: K writers posting as fast as they can for T seconds (after a warm-up that is not counted). */
final class Publish {

    private Publish() {
    }

    static Map<String, Object> run(Target target, Options o, String run, ServerProbe server) throws Exception {
        int writers = o.integer("writers", 32);
        int seconds = o.integer("seconds", 20);
        int warmup = o.integer("warmup-seconds", 3);
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("settings", Report.settings("writers", writers, "seconds", seconds, "warmupSeconds", warmup));
        r.put("server", server.describe());
        List<String> auth = Writers.authorizations(target, run, writers);
        String path = target.publishPath(o.string("room", "bench-" + run));
        long measureFrom = Clock.now() + warmup * 1_000_000_000L;
        long measureTo = measureFrom + seconds * 1_000_000_000L;
        Histogram latency = new Histogram();
        Map<String, Long> errors = new TreeMap<>();
        AtomicLong accepted = new AtomicLong();
        AtomicLong seq = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            String authorization = auth.get(w);
            Thread thread = new Thread(() -> {
                Histogram mine = new Histogram();
                Map<String, Long> failed = new TreeMap<>();
                try (Http http = new Http(target)) {
                    for (long now = Clock.now(); now < measureTo; now = Clock.now()) {
                        String error = post(http, path, authorization, (int) seq.getAndIncrement(), now);
                        if (now >= measureFrom && Clock.now() <= measureTo) {
                            mine.recordNanos(Clock.now() - now);
                            if (error == null) {
                                accepted.incrementAndGet();
                            } else {
                                failed.merge(error, 1L, Long::sum);
                            }
                        }
                    }
                }
                synchronized (latency) {
                    latency.add(mine);
                    failed.forEach((k, v) -> errors.merge(k, v, Long::sum));
                }
            }, "bench-writer-" + w);
            threads.add(thread);
            thread.start();
        }
        Clock.sleepUntil(measureFrom);
        CpuMeter.Sample a = CpuMeter.sample(server);
        Clock.sleepUntil(measureTo);
        CpuMeter.Sample b = CpuMeter.sample(server);
        for (Thread thread : threads) {
            thread.join();
        }
        r.put("postsPerSecond", Math.round(accepted.get() / (double) seconds));
        r.put("accepted", accepted.get());
        r.put("errors", errors);
        r.put("latencyMs", latency.summaryMillis());
        r.put("cpu", CpuMeter.between(a, b, o.decimal("tool-bound", 0.85)));
        r.put("memoryAfter", server.memory(false));
        return r;
    }

    private static String post(Http http, String path, String authorization, int seq, long now) {
        try {
            Http.Response response = http.post(path, authorization, Target.messageBody(seq, now, ""));
            return response.ok() ? null : "HTTP " + response.status();
        } catch (java.io.IOException e) {
            return e.getClass().getSimpleName();
        }
    }
}
