package ssechat.bench;

/** What one I/O thread measured: delivery latencies and deliveries per second since the publishing began. */
final class LoopStats {

    static final int SECONDS = 3600;

    final Histogram latency = new Histogram();
    final long[] perSecond = new long[SECONDS];
    volatile long firstSendNanos = Long.MAX_VALUE;
    /** Only messages sent from then on count in {@link #latency} (storm: from the kill on). */
    volatile long latencyFromNanos = Long.MIN_VALUE;
    long lastDeliveryNanos;

    void delivered(long sentNanos, long receivedNanos) {
        if (sentNanos >= latencyFromNanos) {
            latency.recordNanos(receivedNanos - sentNanos);
        }
        long second = (receivedNanos - firstSendNanos) / 1_000_000_000L;
        if (second >= 0 && second < SECONDS) {
            perSecond[(int) second]++;
        }
        lastDeliveryNanos = Math.max(lastDeliveryNanos, receivedNanos);
    }
}
