package ssechat.bench;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntFunction;

/**
 * Posts messages 0..M-1 at R per second on a few keep-alive connections (message i is due at
 * start + i/R, open loop: a slow answer delays only its own connection). Each text carries its send time.
 */
final class PacedPublisher {

    private final Target target;
    private final IntFunction<String> roomOf;
    private final List<String> authorizations;
    private final String padding;
    private final BitSet accepted = new BitSet();
    private final Histogram latency = new Histogram();
    private final Map<String, Integer> errors = new TreeMap<>();
    private long maxLagNanos;

    PacedPublisher(Target target, String room, List<String> authorizations, int textBytes) {
        this(target, seq -> room, authorizations, textBytes);
    }

    /** Message {@code seq} goes to room {@code roomOf(seq)}. */
    PacedPublisher(Target target, IntFunction<String> roomOf, List<String> authorizations, int textBytes) {
        this.padding = Target.padding(textBytes);
        this.target = target;
        this.roomOf = roomOf;
        this.authorizations = authorizations;
    }

    /** Publishes and returns when every post was answered. */
    void run(int messages, double rate, long startNanos) throws InterruptedException {
        int connections = authorizations.size();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
            int first = c;
            Thread thread = new Thread(() -> publish(first, connections, messages, rate, startNanos), "bench-post-" + c);
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }
    }

    private void publish(int first, int step, int messages, double rate, long startNanos) {
        Histogram mine = new Histogram();
        long lag = 0;
        try (Http http = new Http(target)) {
            for (int seq = first; seq < messages; seq += step) {
                long due = startNanos + (long) (seq * 1e9 / rate);
                Clock.sleepUntil(due);
                long sent = Clock.now();
                lag = Math.max(lag, sent - due);
                String outcome;
                try {
                    Http.Response response = http.post(target.publishPath(roomOf.apply(seq)), authorizations.get(first), Target.messageBody(seq, sent, padding));
                    outcome = response.ok() ? null : "HTTP " + response.status();
                } catch (java.io.IOException e) {
                    outcome = e.getClass().getSimpleName();
                }
                mine.recordNanos(Clock.now() - sent);
                record(seq, outcome);
            }
        }
        synchronized (this) {
            latency.add(mine);
            maxLagNanos = Math.max(maxLagNanos, lag);
        }
    }

    private synchronized void record(int seq, String error) {
        if (error == null) {
            accepted.set(seq);
        } else {
            errors.merge(error, 1, Integer::sum);
        }
    }

    synchronized BitSet accepted() {
        return (BitSet) accepted.clone();
    }

    synchronized Map<String, Object> summary() {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("connections", authorizations.size());
        summary.put("accepted", accepted.cardinality());
        summary.put("errors", new TreeMap<>(errors));
        summary.put("postLatencyMs", latency.summaryMillis());
        summary.put("maxLagBehindScheduleMs", Histogram.millis(maxLagNanos / 1000));
        return summary;
    }
}
