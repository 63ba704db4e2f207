package ssechat.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a node's {@code GET /api/admin/metrics} (Prometheus text, HTTP Basic as the admin that
 * servers.sh configures): the Redis pub/sub messages the node received and the room channels it holds.
 */
final class NodeMetrics {

    record Reading(String node, long messagesReceived, int subscribedRooms) {
    }

    private static final Pattern RECEIVED = metric("ssechat_redis_pubsub_messages_received_total");
    private static final Pattern ROOMS = metric("ssechat_redis_pubsub_rooms");

    private final String authorization;

    NodeMetrics(Path passwordFile) throws IOException {
        String password = Files.readString(passwordFile).trim();
        this.authorization = "Basic " + Base64.getEncoder().encodeToString(("admin:" + password).getBytes(StandardCharsets.UTF_8));
    }

    Reading read(Target node) throws IOException {
        try (Http http = new Http(node)) {
            Http.Response response = http.get("/api/admin/metrics", authorization);
            if (!response.ok()) {
                throw new IOException(node.url() + "/api/admin/metrics answered " + response.status() + ": " + response.body());
            }
            Matcher received = find(RECEIVED, response.body(), node);
            Matcher rooms = find(ROOMS, response.body(), node);
            return new Reading(received.group(1), (long) Double.parseDouble(received.group(2)),
                    (int) Double.parseDouble(rooms.group(2)));
        }
    }

    /** A sample line {@code name{node="<id>",...} value}. */
    private static Pattern metric(String name) {
        return Pattern.compile("^" + name + "\\{[^}]*node=\"([^\"]*)\"[^}]*} (\\S+)$", Pattern.MULTILINE);
    }

    private static Matcher find(Pattern metric, String text, Target node) throws IOException {
        Matcher m = metric.matcher(text);
        if (!m.find()) {
            throw new IOException(node.url() + "/api/admin/metrics has no " + metric.pattern());
        }
        return m;
    }
}
