package ssechat.admin;

import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import ssechat.it.ChatApi;
import ssechat.it.SseStream;

/** The admin API as a test client speaks it: HTTP Basic with the test server's admin (arquillian.xml). */
public final class AdminApi {

    static final String USER = "it-admin";
    static final String PASSWORD = "it-admin-password-0123456789";

    private final ChatApi chat;
    private final String authorization;

    private AdminApi(ChatApi chat, String authorization) {
        this.chat = chat;
        this.authorization = authorization;
    }

    static AdminApi of(ChatApi chat) {
        return with(chat, USER, PASSWORD);
    }

    public static AdminApi with(ChatApi chat, String user, String password) {
        return new AdminApi(chat, "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
    }

    public static AdminApi anonymous(ChatApi chat) {
        return new AdminApi(chat, null);
    }

    public HttpResponse<String> get(String path) {
        return send(request(path).GET());
    }

    HttpResponse<String> post(String path, String json) {
        return send(request(path).POST(HttpRequest.BodyPublishers.ofString(json)).header("Content-Type", "application/json"));
    }

    HttpResponse<String> delete(String path) {
        return send(request(path).DELETE());
    }

    /** GET /api/admin/stats, which must answer 200. */
    JsonObject stats() {
        HttpResponse<String> response = get("api/admin/stats");
        if (response.statusCode() != 200) {
            throw new AssertionError("stats: " + response.statusCode() + " " + response.body());
        }
        return ChatApi.json(response.body());
    }

    SseStream statsStream() throws IOException, InterruptedException {
        return SseStream.open(chat.uri("api/admin/stats/stream"), authorization == null ? Map.of() : Map.of("Authorization", authorization));
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(chat.uri(path)).timeout(Duration.ofSeconds(20))
                .header("X-Forwarded-For", chat.address());
        return authorization == null ? request : request.header("Authorization", authorization);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) {
        return ChatApi.send(request);
    }
}
