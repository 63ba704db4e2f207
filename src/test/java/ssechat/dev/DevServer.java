package ssechat.dev;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import redis.embedded.RedisServer;

/**
 * {@code ./mvnw -Prun}: the chat on one machine with nothing but a JDK. Starts Redis (the binary
 * of the embedded-redis artifact, unless REDIS_URL is set) and Payara Micro with the WAR at the
 * root context, in development mode, and stops both on Ctrl+C. State lives under target/dev, with
 * the generated admin password (target/dev/admin-password) unless CHAT_ADMIN_PASSWORD is set.
 */
public final class DevServer {

    private static final Path STATE = Path.of("target", "dev");
    private static final String ADMIN_USER = "admin";

    public static void main(String[] args) throws Exception {
        Files.createDirectories(STATE);
        int port = Integer.getInteger("chat.port", 8080);
        RedisServer redis = null;
        String redisUrl = System.getenv("REDIS_URL");
        if (redisUrl == null || redisUrl.isBlank()) {
            int redisPort = available(6379) ? 6379 : freePort();
            redis = RedisServer.newRedisServer().port(redisPort).bind("127.0.0.1")
                    .setting("dir " + STATE.toAbsolutePath()).setting("appendonly yes").build();
            redis.start();
            redisUrl = "redis://127.0.0.1:" + redisPort;
            System.out.println("Started Redis at " + redisUrl);
        }
        Process payara = startPayara(port, redisUrl);
        RedisServer startedRedis = redis;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(payara, startedRedis)));
        waitUntilHealthy(port, payara);
        System.out.println();
        System.out.println("  sse-chat is running at http://localhost:" + port + "/   (Ctrl+C stops it)");
        System.out.println("  admin console at http://localhost:" + port + "/admin/   " + (System.getenv("CHAT_ADMIN_PASSWORD") == null
                ? "user " + ADMIN_USER + ", password " + kept("admin-password", 18) : "with CHAT_ADMIN_USER and CHAT_ADMIN_PASSWORD"));
        System.out.println();
        payara.waitFor();
    }

    private static Process startPayara(int port, String redisUrl) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", System.getProperty("payara.microJar", "target/payara-micro.jar"),
                "--nohazelcast", "--port", String.valueOf(port), "--contextroot", "/",
                "--prebootcommandfile", System.getProperty("chat.preboot", "server-config/payara-micro/preboot.asadmin"),
                "--deploy", System.getProperty("chat.war", "target/sse-chat.war")));
        Map<String, String> env = builder.environment();
        env.put("REDIS_URL", redisUrl);
        env.put("CHAT_DEV_MODE", "true");
        env.putIfAbsent("CHAT_NODE_ID", "dev");
        env.putIfAbsent("CHAT_SECRET", kept("secret", 32));
        if (!env.containsKey("CHAT_ADMIN_PASSWORD")) { // a generated one, kept like the secret
            env.put("CHAT_ADMIN_USER", ADMIN_USER);
            env.put("CHAT_ADMIN_PASSWORD", kept("admin-password", 18));
        }
        return builder.inheritIO().start();
    }

    /** A random value kept under target/dev, so that sessions survive a restart of the dev server. */
    private static String kept(String name, int bytes) throws IOException {
        Path file = STATE.resolve(name);
        if (!Files.exists(file)) {
            byte[] random = new byte[bytes];
            new SecureRandom().nextBytes(random);
            Files.writeString(file, Base64.getUrlEncoder().withoutPadding().encodeToString(random));
        }
        return Files.readString(file).trim();
    }

    private static void waitUntilHealthy(int port, Process payara) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/health"))
                .timeout(Duration.ofSeconds(2)).build();
        for (int i = 0; i < 240 && payara.isAlive(); i++) {
            try {
                if (http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("Payara Micro did not become healthy; see its log above");
    }

    private static void stop(Process payara, RedisServer redis) {
        payara.destroy();
        try {
            if (!payara.waitFor(20, TimeUnit.SECONDS)) {
                payara.destroyForcibly();
            }
            if (redis != null) {
                redis.stop();
            }
        } catch (InterruptedException | IOException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static boolean available(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
