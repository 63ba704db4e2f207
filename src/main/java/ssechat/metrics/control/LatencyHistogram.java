package ssechat.metrics.control;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Delivery latencies in milliseconds, counted in buckets that grow by a quarter (about 12%
 * precision) up to a minute, without locks or allocation, so it can sit on the delivery path.
 * Counts only grow; a window's latencies are the difference of two {@link #snapshot()}s.
 */
public final class LatencyHistogram {

    private static final long[] UPPER_BOUNDS = bounds();
    private final AtomicLongArray counts = new AtomicLongArray(UPPER_BOUNDS.length + 1);

    public void record(long millis) {
        counts.incrementAndGet(bucketOf(Math.max(0, millis)));
    }

    /** The latency at quantile q (0..1) of everything recorded, as a bucket's upper bound. */
    public long quantile(double q) {
        return snapshot().quantile(q);
    }

    /** The counts so far; each bucket is read once, so a snapshot never counts a latency twice. */
    public Counts snapshot() {
        long[] copy = new long[counts.length()];
        for (int i = 0; i < copy.length; i++) {
            copy[i] = counts.get(i);
        }
        return new Counts(copy);
    }

    /** Bucket counts at one moment, or between two moments. */
    public static final class Counts {

        public static final Counts NONE = new Counts(new long[UPPER_BOUNDS.length + 1]);
        private final long[] buckets;

        private Counts(long[] buckets) {
            this.buckets = buckets;
        }

        /** What was recorded after {@code earlier} up to this snapshot. */
        public Counts since(Counts earlier) {
            long[] difference = new long[buckets.length];
            for (int i = 0; i < difference.length; i++) {
                difference[i] = Math.max(0, buckets[i] - earlier.buckets[i]);
            }
            return new Counts(difference);
        }

        /** The latency at quantile q (0..1), as a bucket's upper bound; 0 when nothing was recorded. */
        public long quantile(double q) {
            long total = 0;
            for (long count : buckets) {
                total += count;
            }
            if (total == 0) {
                return 0;
            }
            long rank = Math.max(1, (long) Math.ceil(q * total));
            long seen = 0;
            for (int i = 0; i < buckets.length; i++) {
                seen += buckets[i];
                if (seen >= rank) {
                    return i < UPPER_BOUNDS.length ? UPPER_BOUNDS[i] : UPPER_BOUNDS[UPPER_BOUNDS.length - 1];
                }
            }
            return UPPER_BOUNDS[UPPER_BOUNDS.length - 1];
        }
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
