package ssechat.it;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The contract as a test client speaks it. Each instance comes from its own made-up client
 * address (the server trusts X-Forwarded-For from 127.0.0.1 in tests), so that tests do not
 * share per-address rate limits unless they mean to.
 */
public final class ChatApi {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

    private final URI base;
    private final String address;

    /**
     * Payara Micro announces the machine's address, but test servers listen on loopback only, so
     * the host is replaced by 127.0.0.1.
     */
    public ChatApi(URL base) {
        this(URI.create("http://127.0.0.1:" + base.getPort() + (base.getPath().endsWith("/") ? base.getPath() : base.getPath() + "/")),
                randomAddress());
    }

    private ChatApi(URI base, String address) {
        this.base = base;
        this.address = address;
    }

    public ChatApi from(String clientAddress) {
        return new ChatApi(base, clientAddress);
    }

    /** The client address this instance claims (X-Forwarded-For). */
    public String address() {
        return address;
    }

    public URI uri(String path) {
        return base.resolve(path);
    }

    /** A fresh, unique user name with the given prefix. */
    public static String uniqueName(String prefix) {
        return prefix + "_" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A made-up client address that no other test client uses. */
    public static String uniqueAddress() {
        return randomAddress();
    }

    public static String uniqueRoom(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public String token(String name) {
        HttpResponse<String> response = createSession("{\"name\":" + quote(name) + "}");
        if (response.statusCode() != 201) {
            throw new AssertionError("session for " + name + ": " + response.statusCode() + " " + response.body());
        }
        return json(response.body()).getString("token");
    }

    public HttpResponse<String> createSession(String body) {
        return send(request("api/sessions").POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json"));
    }

    public HttpResponse<String> post(String room, String token, String text) {
        return post(room, token, "{\"text\":" + quote(text) + "}", Map.of());
    }

    public HttpResponse<String> post(String room, String token, String body, Map<String, String> headers) {
        HttpRequest.Builder request = request("api/rooms/" + room + "/messages")
                .POST(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        headers.forEach(request::setHeader);
        return send(request);
    }

    /** Posts and returns the created message, failing the test unless the answer is 201. */
    public JsonObject say(String room, String token, String text) {
        HttpResponse<String> response = post(room, token, text);
        if (response.statusCode() != 201) {
            throw new AssertionError("post: " + response.statusCode() + " " + response.body());
        }
        return json(response.body());
    }

    public HttpResponse<String> get(String path) {
        return send(request(path).GET());
    }

    public HttpResponse<String> delete(String path, String token) {
        return send(request(path).DELETE().header("Authorization", "Bearer " + token));
    }

    public HttpResponse<String> edit(String room, String id, String token, String text) {
        return send(request("api/rooms/" + room + "/messages/" + id)
                .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"text\":" + quote(text) + "}"))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + token));
    }

    public HttpResponse<String> typing(String room, String token) {
        return send(request("api/rooms/" + room + "/typing").POST(HttpRequest.BodyPublishers.noBody())
                .header("Authorization", "Bearer " + token));
    }

    public JsonArray history(String room, String query) {
        HttpResponse<String> response = get("api/rooms/" + room + "/messages" + query);
        if (response.statusCode() != 200) {
            throw new AssertionError("history: " + response.statusCode() + " " + response.body());
        }
        return Json.createReader(new StringReader(response.body())).readArray();
    }

    public SseStream stream(String room, String token, String lastEventId) throws IOException, InterruptedException {
        StringBuilder path = new StringBuilder("api/rooms/" + room + "/events?x=1");
        if (token != null) {
            path.append("&token=").append(URLEncoder.encode(token, StandardCharsets.UTF_8));
        }
        Map<String, String> headers = new HashMap<>();
        headers.put("X-Forwarded-For", address);
        if (lastEventId != null) {
            headers.put("Last-Event-ID", lastEventId);
        }
        return SseStream.open(uri(path.toString()), headers);
    }

    public static JsonObject json(String body) {
        return Json.createReader(new StringReader(body)).readObject();
    }

    public static JsonArray jsonArray(String body) {
        return Json.createReader(new StringReader(body)).readArray();
    }

    public static String quote(String text) {
        return Json.createValue(text).toString();
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(20)).header("X-Forwarded-For", address);
    }

    /** Sends a request built by any test client, answering its body as text. */
    public static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String randomAddress() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return "198.18." + random.nextInt(256) + "." + random.nextInt(1, 255);
    }
}
