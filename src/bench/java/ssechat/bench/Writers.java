package ssechat.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/** Sign-ins for sse-chat writers (one session each: {@code POST /api/sessions}); nchan needs none. */
final class Writers {

    private Writers() {
    }

    /** One {@code Authorization} value per writer (null for nchan). */
    static List<String> authorizations(Target target, String run, int count) throws IOException {
        List<String> values = new ArrayList<>();
        if (!target.needsSessions()) {
            for (int i = 0; i < count; i++) {
                values.add(null);
            }
            return values;
        }
        try (Http http = new Http(target)) {
            for (int i = 0; i < count; i++) {
                String name = "bench-" + run + "-" + i + "-" + Integer.toString(ThreadLocalRandom.current().nextInt(1 << 20), 36);
                Http.Response response = http.post("/api/sessions", null, "{\"name\":" + Json.quote(name) + "}");
                if (response.status() != 201) {
                    throw new IOException("POST /api/sessions answered " + response.status() + ": " + response.body()
                            + " (rate limits raised? CHAT_RATE_SESSIONS)");
                }
                String body = response.body();
                int at = body.indexOf("\"token\":\"") + 9;
                values.add("Bearer " + body.substring(at, body.indexOf('"', at)));
            }
        }
        return values;
    }
}
