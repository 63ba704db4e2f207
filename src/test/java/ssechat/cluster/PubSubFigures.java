package ssechat.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import ssechat.admin.AdminApi;

/** A node's pub/sub figures as its admin metrics show them: messages received, room channels subscribed. */
record PubSubFigures(LocalCluster cluster, String adminPassword) {

    static final Pattern RECEIVED = Pattern.compile("(?m)^ssechat_redis_pubsub_messages_received_total\\{[^}]*} (\\S+)$");
    static final Pattern ROOMS = Pattern.compile("(?m)^ssechat_redis_pubsub_rooms\\{[^}]*} (\\S+)$");

    /** The node's received count once two samples in a row agree (figures are sampled every second). */
    long settledReceived(int node) {
        long previous = figure(node, RECEIVED);
        for (int i = 0; i < 10; i++) {
            sleep(1100);
            long now = figure(node, RECEIVED);
            if (now == previous) {
                return now;
            }
            previous = now;
        }
        throw new AssertionError("node" + node + "'s received count did not settle");
    }

    long figure(int node, Pattern pattern) {
        try {
            HttpResponse<String> metrics = AdminApi.with(LocalCluster.api(cluster.node(node)), "admin", adminPassword).get("api/admin/metrics");
            assertEquals(200, metrics.statusCode(), metrics.body());
            Matcher matcher = pattern.matcher(metrics.body());
            assertTrue(matcher.find(), "node" + node + "'s metrics have " + pattern);
            return (long) Double.parseDouble(matcher.group(1));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static boolean waitUntil(BooleanSupplier condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            sleep(100);
        }
        return condition.getAsBoolean();
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
