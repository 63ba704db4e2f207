package ssechat.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Latencies in microseconds, log-linear buckets (128 per power of two: under 1% error), one per
 * thread, merged at the end. Not thread-safe.
 */
final class Histogram {

    private static final int SUB = 128;
    private static final int SUB_BITS = 7;
    private final long[] counts = new long[SUB * 58];
    private long count;
    private long sum;
    private long max;

    void recordNanos(long nanos) {
        long micros = Math.max(0, nanos / 1000);
        counts[index(micros)]++;
        count++;
        sum += micros;
        max = Math.max(max, micros);
    }

    void add(Histogram other) {
        for (int i = 0; i < counts.length; i++) {
            counts[i] += other.counts[i];
        }
        count += other.count;
        sum += other.sum;
        max = Math.max(max, other.max);
    }

    long count() {
        return count;
    }

    /** The value at quantile q (0..1), in microseconds: the middle of its bucket. */
    long percentileMicros(double q) {
        if (count == 0) {
            return 0;
        }
        long rank = Math.max(1, (long) Math.ceil(q * count));
        long seen = 0;
        for (int i = 0; i < counts.length; i++) {
            seen += counts[i];
            if (seen >= rank) {
                return Math.min(max, middle(i));
            }
        }
        return max;
    }

    /** p50, p90, p99, p99.9, max and mean in milliseconds. */
    Map<String, Object> summaryMillis() {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("count", count);
        summary.put("p50", millis(percentileMicros(0.50)));
        summary.put("p90", millis(percentileMicros(0.90)));
        summary.put("p99", millis(percentileMicros(0.99)));
        summary.put("p999", millis(percentileMicros(0.999)));
        summary.put("max", millis(max));
        summary.put("mean", count == 0 ? 0 : millis(sum / count));
        return summary;
    }

    static double millis(long micros) {
        return Math.round(micros / 10.0) / 100.0;
    }

    private static int index(long v) {
        if (v < SUB) {
            return (int) v;
        }
        int exp = 63 - Long.numberOfLeadingZeros(v);
        int mantissa = (int) (v >>> (exp - SUB_BITS)) & (SUB - 1);
        return (exp - SUB_BITS + 1) * SUB + mantissa;
    }

    private static long middle(int index) {
        if (index < SUB) {
            return index;
        }
        int exp = index / SUB + SUB_BITS - 1;
        long mantissa = index % SUB;
        long low = (SUB + mantissa) << (exp - SUB_BITS);
        return low + (1L << (exp - SUB_BITS)) / 2;
    }
}
