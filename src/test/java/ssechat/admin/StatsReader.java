package ssechat.admin;

import static org.junit.jupiter.api.Assertions.fail;

import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.function.Predicate;

/** Reads the test server's node ("it-node") from the admin stats, waiting for figures that are fresh enough. */
final class StatsReader {

    static final String NODE = "it-node";
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final AdminApi admin;

    StatsReader(AdminApi admin) {
        this.admin = admin;
    }

    /** Figures sampled after this call began, so that everything done before it is counted. */
    JsonObject fresh() {
        long since = System.currentTimeMillis();
        return await("figures sampled after " + since, node -> node.getJsonNumber("at").longValue() > since);
    }

    JsonObject await(String what, Predicate<JsonObject> wanted) {
        return await(what, wanted, WAIT);
    }

    JsonObject await(String what, Predicate<JsonObject> wanted, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonObject node = null;
        while (System.nanoTime() < deadline) {
            node = node();
            if (wanted.test(node)) {
                return node;
            }
            pause();
        }
        return fail("The stats never showed " + what + "; last: " + node);
    }

    JsonObject node() {
        return admin.stats().getJsonArray("nodes").getValuesAs(JsonObject.class).stream()
                .filter(node -> NODE.equals(node.getString("node")))
                .findFirst().orElseThrow(() -> new AssertionError(NODE + " is missing from the stats"));
    }

    static long published(JsonObject node) {
        return node.getJsonObject("messages").getJsonNumber("published").longValue();
    }

    static long delivered(JsonObject node) {
        return node.getJsonObject("messages").getJsonNumber("delivered").longValue();
    }

    private static void pause() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
