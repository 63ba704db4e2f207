package ssechat.metrics.control;

import java.util.ArrayDeque;
import java.util.Deque;
import ssechat.metrics.entity.Latency;

/**
 * Latency percentiles of the last few samples only, so that a spike shows while it lasts and then
 * goes, where the percentiles since start hardly move. Keeps one histogram snapshot per sample.
 * Not thread-safe: one sampler thread calls it.
 */
final class LatencyWindow {

    private final LatencyHistogram histogram;
    private final int samples;
    private final Deque<LatencyHistogram.Counts> earlier = new ArrayDeque<>();

    /** {@code samples}: how many sampling periods the window spans. */
    LatencyWindow(LatencyHistogram histogram, int samples) {
        this.histogram = histogram;
        this.samples = samples;
    }

    /** The percentiles of what was recorded over the last {@code samples} periods (fewer just after start). */
    Latency next() {
        LatencyHistogram.Counts now = histogram.snapshot();
        LatencyHistogram.Counts start = earlier.size() < samples ? LatencyHistogram.Counts.NONE : earlier.removeFirst();
        earlier.addLast(now);
        LatencyHistogram.Counts window = now.since(start);
        return new Latency(window.quantile(0.5), window.quantile(0.9), window.quantile(0.99));
    }
}
