package ssechat.cluster;

import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import ssechat.it.ChatApi;

/**
 * One user posting to a room through one entry point (a node or Nginx), as a careful client does:
 * a POST that got a 5xx or no answer is repeated with the same Idempotency-Key, so a message is
 * never posted twice, until it is accepted or the time is up.
 */
final class Writer {

    private static final Duration PAUSE = Duration.ofMillis(100);

    private final ChatApi api;
    private final Room room;
    private final String token;

    Writer(ChatApi api, Room room, String token) {
        this.api = api;
        this.room = room;
        this.token = token;
    }

    /** A new user writing to the room on each of the nodes, in their order. */
    static List<Writer> onEach(List<URI> nodes, Room room) throws Exception {
        List<Writer> writers = new ArrayList<>();
        for (URI node : nodes) {
            ChatApi api = LocalCluster.api(node);
            writers.add(new Writer(api, room, api.token(ChatApi.uniqueName("writer"))));
        }
        return writers;
    }

    /** One attempt: the answer, or an exception if none came. */
    HttpResponse<String> postOnce(String text, String key) {
        return api.post(room.name(), token, "{\"text\":" + ChatApi.quote(text) + "}", Map.of("Idempotency-Key", key));
    }

    /** Posts until accepted (201, or 200 for a repeat) and returns the message id; fails after {@code within}. */
    String post(String text, String key, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        String last = "no attempt";
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> response = postOnce(text, key);
                if (response.statusCode() == 201 || response.statusCode() == 200) {
                    return ChatApi.json(response.body()).getString("id");
                }
                if (response.statusCode() < 500) {
                    throw new AssertionError("post " + key + ": " + response.statusCode() + " " + response.body());
                }
                last = response.statusCode() + " " + response.body();
            } catch (UncheckedIOException e) {
                last = e.toString();
            }
            TimeUnit.MILLISECONDS.sleep(PAUSE.toMillis());
        }
        throw new AssertionError("post " + key + " not accepted within " + within + "; last answer: " + last);
    }

    /** Posts {@code count} messages "prefix i", {@code gap} apart, each surely; returns their ids in order. */
    List<String> postAll(String prefix, int count, Duration gap) throws InterruptedException {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(post(prefix + " " + i, prefix + "-" + i, Duration.ofSeconds(30)));
            TimeUnit.MILLISECONDS.sleep(gap.toMillis());
        }
        return ids;
    }
}
