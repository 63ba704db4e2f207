package ssechat.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;

/** One event as a browser's EventSource would see it; comments are kept as events named ":comment". */
public record SseEvent(String name, String id, String data) {

    public JsonObject json() {
        return Json.createReader(new StringReader(data)).readObject();
    }
}
