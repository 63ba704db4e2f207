package ssechat.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;
import ssechat.it.ChatApi;
import ssechat.it.ChatServer;
import ssechat.it.SseStream;
import ssechat.it.TestRedis;

/**
 * What a client can send that it should not: every such request gets a small, clear answer and
 * costs the server no more than a line of log. Headers and raw requests go over a plain socket,
 * where the test must set what HttpClient will not (Host, oversized headers).
 */
public abstract class BadInputTests {

    private static final String MAX_ID = "18446744073709551615-18446744073709551615";

    private final ChatApi api = ChatServer.api();
    private final String room = ChatApi.uniqueRoom("input");
    private final String author = ChatApi.uniqueName("input");
    private final String token = api.token(author);

    @Test
    void deeplyNestedJsonIs400InvalidJson() {
        String deep = "[".repeat(8000) + "]".repeat(8000);
        assertError(400, "invalid_json", api.createSession("{\"name\":" + deep + "}"));
        assertError(400, "invalid_json", api.post(room, token, "{\"text\":" + deep + "}", Map.of()));
        assertError(400, "invalid_json", api.post(room, token, "{\"text\":" + "{\"a\":".repeat(2500) + "1" + "}".repeat(2500) + "}", Map.of()));
    }

    @Test
    void historyAtTheEdgesOfTheIdSpaceIsEmptyNotAnOutage() {
        api.say(room, token, "only");
        for (String before : List.of("0-0", "0-1", "00-00")) {
            HttpResponse<String> response = api.get("api/rooms/" + room + "/messages?before=" + before);
            assertEquals(200, response.statusCode(), () -> before + ": " + response.body());
            assertEquals("[]", response.body(), before);
        }
        for (String before : List.of(MAX_ID, "18446744073709551615-0")) {
            HttpResponse<String> response = api.get("api/rooms/" + room + "/messages?before=" + before);
            assertEquals(200, response.statusCode(), () -> before + ": " + response.body());
            assertEquals(1, ChatApi.json("{\"a\":" + response.body() + "}").getJsonArray("a").size(), before);
        }
        for (String id : List.of("0-0", MAX_ID)) {
            assertError(404, "not_found", api.get("api/rooms/" + room + "/messages/" + id));
        }
        assertError(400, "invalid_before", api.get("api/rooms/" + room + "/messages?before=18446744073709551616-0"));
    }

    @Test
    void aStreamResumingAfterTheLargestIdStillDeliversLiveMessages() throws Exception {
        try (SseStream stream = api.stream(room, null, MAX_ID)) {
            assertEquals(200, stream.status());
            assertNotNull(stream.next("welcome", Duration.ofSeconds(5)));
            api.say(room, token, "after the edge");
            assertEquals("after the edge", stream.messages(1, Duration.ofSeconds(5)).get(0).json().getString("text"));
        }
    }

    @Test
    void badRequestsLeaveAtMostALineOfLogEach() throws Exception {
        Assumptions.assumeTrue(System.getProperty("arquillian.launch") == null,
                "only Payara Micro's test container copies the server's output into this JVM's System.out");
        String deep = "{\"name\":" + "[".repeat(8000) + "]".repeat(8000) + "}";
        String logged = serverOutputDuring(() -> {
            for (int i = 0; i < 5; i++) {
                api.createSession(deep);
                api.get("api/rooms/" + room + "/messages?before=0-0");
                try (SseStream stream = api.stream(room, null, MAX_ID)) {
                    stream.next("welcome", Duration.ofSeconds(5));
                } catch (IOException | InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }
        });
        assertFalse(logged.contains("\tat "), () -> "a stack trace in the log:\n" + logged.substring(0, Math.min(3000, logged.length())));
        assertTrue(logged.length() < 15 * 400, () -> logged.length() + " characters of log for 15 bad requests:\n" + logged);
    }

    @Test
    void typingAndPostingIdempotencyKeysDoNotMeet() throws Exception {
        assertEquals(204, typing(room, "k1").statusCode());
        HttpResponse<String> post = api.post(room, token, "{\"text\":\"typing key\"}", Map.of("Idempotency-Key", "typing:k1"));
        assertEquals(201, post.statusCode(), post::body);

        String otherRoom = ChatApi.uniqueRoom("input"); // typing in the first room is throttled for 2 s
        assertEquals(201, api.post(otherRoom, token, "{\"text\":\"post first\"}", Map.of("Idempotency-Key", "typing:k2")).statusCode());
        try (SseStream watcher = api.stream(otherRoom, null, null)) {
            assertNotNull(watcher.next("welcome", Duration.ofSeconds(5)));
            assertEquals(204, typing(otherRoom, "k2").statusCode());
            assertNotNull(watcher.next("typing", Duration.ofSeconds(5)), "a typing key is not taken for a post's key");
        }
    }

    @Test
    void locationIsRelativeAndNeverNamesTheClientsHost() {
        String body = "{\"text\":\"where\"}";
        String response = raw("POST " + path("api/rooms/" + room + "/messages") + " HTTP/1.1\r\nHost: evil.example\r\n"
                + "Authorization: Bearer " + token + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length()
                + "\r\nConnection: close\r\n\r\n" + body);
        assertTrue(response.startsWith("HTTP/1.1 201"), response);
        String location = header(response, "Location").orElseThrow();
        assertFalse(location.contains("evil.example"), location);
        assertFalse(URI.create(location).isAbsolute(), location);
        URI resolved = api.uri("api/rooms/" + room + "/messages").resolve(location);
        JsonObject created = ChatApi.json(response.substring(response.indexOf("\r\n\r\n") + 4));
        assertEquals(api.uri("api/rooms/" + room + "/messages/" + created.getString("id")), resolved);
        assertEquals(200, ChatApi.send(HttpRequest.newBuilder(resolved)).statusCode());
    }

    @Test
    void errorsOutsideTheApiAreOneLineOfTextWithoutTheServersName() {
        HttpResponse<String> missing = api.get("no-such-page");
        assertEquals(404, missing.statusCode());
        assertTrue(missing.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"), missing.headers()::toString);
        assertEquals("404 Not Found\n", missing.body());
        assertError(404, "not_found", api.get("api/no-such-resource"));
        for (HttpResponse<String> response : List.of(missing, api.get(""), api.get("api/health"))) {
            assertEquals(Optional.empty(), response.headers().firstValue("Server"), response.uri()::toString);
            assertEquals(Optional.empty(), response.headers().firstValue("X-Powered-By"), response.uri()::toString);
        }
        HttpResponse<String> options = ChatApi.send(HttpRequest.newBuilder(api.uri("api/sessions"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
        assertFalse(options.body().contains("<application"), () -> "no WADL description of the API: " + options.body());
    }

    @Test
    void everyResponseForbidsContentSniffing() {
        for (String path : List.of("", "assets/app.js", "no-such-page", "api/health", "api/no-such-resource",
                "api/rooms/" + room + "/messages?before=x")) {
            HttpResponse<String> response = api.get(path);
            assertEquals(Optional.of("nosniff"), response.headers().firstValue("X-Content-Type-Options"), path);
        }
        assertEquals(Optional.of("nosniff"), api.post(room, token, "x").headers().firstValue("X-Content-Type-Options"));
    }

    @Test
    void a17KiBBodySentInChunksIs413() {
        byte[] body = ("{\"text\":\"" + "x".repeat(17 * 1024) + "\"}").getBytes(StandardCharsets.UTF_8);
        HttpRequest.BodyPublisher chunked = HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body));
        assertError(413, "too_large", ChatApi.send(HttpRequest.newBuilder(api.uri("api/rooms/" + room + "/messages"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json").POST(chunked)));
        assertError(413, "too_large", ChatApi.send(HttpRequest.newBuilder(api.uri("api/sessions"))
                .header("Content-Type", "application/json").POST(chunked)));
    }

    @Test
    void aHeaderOver8KiBIsRefused() {
        String response = raw("GET " + path("api/health") + " HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: " + "a".repeat(10 * 1024)
                + "\r\nConnection: close\r\n\r\n");
        int status = Integer.parseInt(response.substring(9, 12));
        assertTrue(status == 400 || status == 431, response);
        String body = response.substring(response.indexOf("\r\n\r\n") + 4);
        assertTrue(body.isEmpty() || header(response, "Content-Type").orElse("").startsWith("application/json"), response);
    }

    private HttpResponse<String> typing(String inRoom, String idempotencyKey) {
        return ChatApi.send(HttpRequest.newBuilder(api.uri("api/rooms/" + inRoom + "/typing")).POST(HttpRequest.BodyPublishers.noBody())
                .header("Authorization", "Bearer " + token).header("Idempotency-Key", idempotencyKey));
    }

    private String path(String relative) {
        return api.uri(relative).getRawPath();
    }

    /** One request over a plain socket, the whole answer as text (the request says Connection: close). */
    private String raw(String request) {
        URI server = api.uri("");
        try (Socket socket = new Socket(server.getHost(), server.getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Optional<String> header(String response, String name) {
        for (String line : response.substring(0, Math.max(0, response.indexOf("\r\n\r\n"))).split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
                return Optional.of(line.substring(colon + 1).trim());
            }
        }
        return Optional.empty();
    }

    /** What the server printed while {@code action} ran: Payara Micro's test container copies its output to System.out. */
    private static String serverOutputDuring(Runnable action) throws InterruptedException {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream tee = new PrintStream(new OutputStream() {
            @Override public void write(int b) { captured.write(b); original.write(b); }
            @Override public void write(byte[] b, int off, int len) { captured.write(b, off, len); original.write(b, off, len); }
        }, true, StandardCharsets.UTF_8);
        System.setOut(tee);
        try {
            action.run();
            Thread.sleep(1000); // the output arrives through a pipe and a reader thread
        } finally {
            System.setOut(original);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }

    private static void assertError(int status, String code, HttpResponse<String> response) {
        assertEquals(status, response.statusCode(), response::body);
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"), "JSON error");
        assertEquals(code, ChatApi.json(response.body()).getString("error"));
    }
}
