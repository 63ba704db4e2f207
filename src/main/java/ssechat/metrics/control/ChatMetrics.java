package ssechat.metrics.control;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.LongAdder;

/**
 * This node's counters: messages it accepted, events it wrote to streams, streams it dropped, and
 * how long messages took from Redis to a client. Cheap enough for the per-delivery path.
 */
@ApplicationScoped
public class ChatMetrics {

    private final LongAdder published = new LongAdder();
    private final LongAdder delivered = new LongAdder();
    private final LongAdder dropped = new LongAdder();
    private final LatencyHistogram latency = new LatencyHistogram();

    public void published() {
        published.increment();
    }

    /** A message event written to a stream; {@code postedAtMillis} is its id's time part. */
    public void delivered(long postedAtMillis) {
        delivered.increment();
        latency.record(System.currentTimeMillis() - postedAtMillis);
    }

    /** A stream closed by the server because its client stopped reading or had gone. */
    public void dropped() {
        dropped.increment();
    }

    public long publishedCount() { return published.sum(); }
    public long deliveredCount() { return delivered.sum(); }
    public long droppedCount() { return dropped.sum(); }
    public LatencyHistogram latency() { return latency; }
}
