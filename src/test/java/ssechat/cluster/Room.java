package ssechat.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import jakarta.json.Json;
import jakarta.json.JsonString;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import ssechat.it.ChatApi;
import ssechat.it.SseEvent;
import ssechat.it.SseStream;

/** One chat room as the cluster tests see it, through any entry point: a node or Nginx. */
record Room(String name) {

    static final Duration WAIT = Duration.ofSeconds(5);

    static Room unique() {
        return new Room(ChatApi.uniqueRoom("cluster"));
    }

    URI events(URI base, String token) {
        String query = token == null ? "" : "?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8);
        return base.resolve("api/rooms/" + name + "/events" + query);
    }

    /** An open event stream (its welcome not read yet). */
    SseStream open(URI base, String token) throws Exception {
        SseStream stream = SseStream.openAsBrowser(events(base, token), null);
        assertEquals(200, stream.status(), "event stream through " + base);
        return stream;
    }

    /** An anonymous stream on each of the nodes, in their order, each past its welcome; closed with {@code closer}. */
    List<SseStream> openOnEach(List<URI> nodes, Closer closer) throws Exception {
        List<SseStream> streams = new ArrayList<>();
        for (URI node : nodes) {
            SseStream stream = closer.add(open(node, null));
            welcomeNode(stream);
            streams.add(stream);
        }
        return streams;
    }

    /** Reads the welcome and returns the node that sent it. */
    static String welcomeNode(SseStream stream) throws InterruptedException {
        SseEvent welcome = stream.next("welcome", WAIT);
        assertNotNull(welcome, "a welcome event first");
        return welcome.json().getString("node");
    }

    List<String> online(URI base) throws Exception {
        String body = LocalCluster.api(base).get("api/rooms/" + name + "/users").body();
        return Json.createReader(new StringReader(body)).readArray().getValuesAs(JsonString.class).stream()
                .map(JsonString::getString).toList();
    }
}
