package ssechat.metrics.control;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Delivery latencies in milliseconds, counted in buckets that grow by a quarter (about 12%
 * precision) up to a minute, without locks or allocation, so it can sit on the delivery path.
 */
public final class LatencyHistogram {

    private static final long[] UPPER_BOUNDS = bounds();
    private final AtomicLongArray counts = new AtomicLongArray(UPPER_BOUNDS.length + 1);

    public void record(long millis) {
        counts.incrementAndGet(bucketOf(Math.max(0, millis)));
    }

    /** The latency at quantile q (0..1) of everything recorded, as a bucket's upper bound. */
    public long quantile(double q) {
        long total = 0;
        for (int i = 0; i < counts.length(); i++) {
            total += counts.get(i);
        }
        if (total == 0) {
            return 0;
        }
        long rank = (long) Math.ceil(q * total);
        long seen = 0;
        for (int i = 0; i < counts.length(); i++) {
            seen += counts.get(i);
            if (seen >= rank) {
                return i < UPPER_BOUNDS.length ? UPPER_BOUNDS[i] : UPPER_BOUNDS[UPPER_BOUNDS.length - 1];
            }
        }
        return UPPER_BOUNDS[UPPER_BOUNDS.length - 1];
    }

    private static int bucketOf(long millis) {
        int low = 0;
        int high = UPPER_BOUNDS.length;
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (UPPER_BOUNDS[middle] < millis) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low;
    }

    private static long[] bounds() {
        java.util.List<Long> bounds = new java.util.ArrayList<>();
        for (long bound = 1; bound <= 60_000; bound = Math.max(bound + 1, bound * 5 / 4)) {
            bounds.add(bound);
        }
        return bounds.stream().mapToLong(Long::longValue).toArray();
    }
}
