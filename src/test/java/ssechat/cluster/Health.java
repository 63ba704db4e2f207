package ssechat.cluster;

import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import ssechat.it.ChatApi;

/** GET /api/health as a load balancer's check sees it, and small figures for the reports. */
final class Health {

    private Health() {
    }

    /** The status of a node's health check; 0 if it did not answer. */
    static int status(URI base) {
        try {
            return new ChatApi(base.toURL()).get("api/health").statusCode();
        } catch (UncheckedIOException | java.net.MalformedURLException e) {
            return 0;
        }
    }

    /** Polls every 100 ms until the node answers {@code expected}; the milliseconds that took. */
    static long await(URI base, int expected, Duration within) throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + within.toNanos();
        int last;
        while ((last = status(base)) != expected) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("health of " + base + " should be " + expected + " within " + within + ", is " + last);
            }
            TimeUnit.MILLISECONDS.sleep(100);
        }
        return ClusterIT.millisSince(start);
    }

    /** The p-th percentile (0 to 100) of the values, nearest rank. */
    static long percentile(List<Long> values, double p) {
        List<Long> sorted = values.stream().sorted().toList();
        int rank = (int) Math.ceil(p / 100 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }
}
