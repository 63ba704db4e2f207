package ssechat.dev;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import redis.embedded.RedisServer;

/**
 * Redis (embedded unless a URL is given) and Payara Micro with the WAR, started together and
 * stopped together: if any step fails, what was started is stopped before the failure is thrown.
 */
final class DevStack implements AutoCloseable {

    static final String ADMIN_USER = "admin";
    private static final Pattern NODE = Pattern.compile("\"node\"\\s*:\\s*\"([^\"]*)\"");

    private final DevSettings settings;
    private RedisServer redis;
    private Process payara;
    private String redisUrl;

    private DevStack(DevSettings settings) {
        this.settings = settings;
    }

    /** Started and healthy, answering on the settings' port as the settings' node; or a {@link DevStartException}. */
    static DevStack start(DevSettings settings) throws IOException, InterruptedException {
        requireFree(settings.port());
        DevStack stack = new DevStack(settings);
        try {
            Files.createDirectories(settings.state());
            stack.startRedis();
            stack.startPayara();
            awaitHealthy(settings.port(), settings.nodeId(), stack.payara, settings.patience(), stack.payaraLog());
            return stack;
        } catch (IOException | InterruptedException | RuntimeException e) {
            stack.close();
            throw e;
        }
    }

    /** Binds the port as Payara Micro will (loopback, see preboot.asadmin): a listener on it already makes this fail. */
    static void requireFree(int port) {
        if (!free(port)) {
            throw new DevStartException("Port " + port + " is already in use (another sse-chat, or another server?). "
                    + "Stop that server, or choose another port: ./mvnw -Prun -D" + DevSettings.PORT_PROPERTY + "=" + (port + 1));
        }
    }

    String redisUrl() {
        return redisUrl;
    }

    /** The admin console's credentials as shown to the developer: the generated password, or where they come from. */
    String adminCredentials() throws IOException {
        return settings.env().containsKey("CHAT_ADMIN_PASSWORD") ? "with CHAT_ADMIN_USER and CHAT_ADMIN_PASSWORD"
                : "user " + ADMIN_USER + ", password " + kept("admin-password", 18);
    }

    Path payaraLog() {
        return settings.state().resolve("payara.log");
    }

    /** Until Payara Micro ends (Ctrl+C stops the JVM, whose shutdown hook closes this stack). */
    int awaitExit() throws InterruptedException {
        return payara.waitFor();
    }

    private void startRedis() throws IOException {
        if (settings.redisUrl() != null) {
            redisUrl = settings.redisUrl();
            return;
        }
        int port = free(6379) ? 6379 : freePort();
        redis = RedisServer.newRedisServer().port(port).bind("127.0.0.1")
                .setting("dir " + settings.state().toAbsolutePath())
                .setting("appendonly yes")
                .soutListener(line -> { }) // its start-up banner; errors still reach stderr
                .build();
        redis.start();
        redisUrl = "redis://127.0.0.1:" + port;
    }

    private void startPayara() throws IOException {
        Files.deleteIfExists(payaraLog());
        ProcessBuilder builder = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", settings.payaraJar().toString(),
                "--nohazelcast", "--port", String.valueOf(settings.port()), "--contextroot", "/",
                "--prebootcommandfile", settings.preboot().toString(),
                "--logproperties", logProperties().toString(),
                "--addlibs", slf4jBinding(),
                "--deploy", settings.war().toString()));
        Map<String, String> env = builder.environment();
        env.clear();
        env.putAll(settings.env());
        env.put("REDIS_URL", redisUrl);
        env.put("CHAT_DEV_MODE", "true");
        env.put("CHAT_NODE_ID", settings.nodeId());
        env.putIfAbsent("CHAT_SECRET", kept("secret", 32));
        if (!env.containsKey("CHAT_ADMIN_PASSWORD")) { // a generated one, kept like the secret
            env.put("CHAT_ADMIN_USER", ADMIN_USER);
            env.put("CHAT_ADMIN_PASSWORD", kept("admin-password", 18));
        }
        payara = builder.inheritIO().start();
    }

    /** The dev logging configuration with the log file's place: target/dev/logging.properties. */
    private Path logProperties() throws IOException {
        Path file = settings.state().resolve("logging.properties");
        String pattern = payaraLog().toAbsolutePath().toString().replace("%", "%%");
        Files.writeString(file, Files.readString(settings.logProperties()) + "java.util.logging.FileHandler.pattern=" + pattern + "\n");
        return file;
    }

    /**
     * slf4j-api and the test scope's binding for it, added to Payara Micro's class path: Jedis in the
     * WAR logs through SLF4J, which otherwise prints three lines of warnings about a missing binding.
     */
    private static String slf4jBinding() {
        try {
            return String.join(File.pathSeparator, jarOf("org.slf4j.LoggerFactory"), jarOf("org.slf4j.impl.StaticLoggerBinder"));
        } catch (ClassNotFoundException | URISyntaxException e) {
            throw new IllegalStateException("SLF4J and its binding are test dependencies: " + e.getMessage(), e);
        }
    }

    private static String jarOf(String className) throws ClassNotFoundException, URISyntaxException {
        return Path.of(Class.forName(className).getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }

    /**
     * Healthy means: /api/health answers 200 naming the expected node. Any other node there is
     * another server on the port (Payara Micro then failed to bind, and may still be running).
     */
    static void awaitHealthy(int port, String nodeId, Process payara, Duration patience, Path log) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/health"))
                .timeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plus(patience);
        while (Instant.now().isBefore(deadline)) {
            if (!payara.isAlive()) {
                throw new DevStartException("Payara Micro stopped (exit code " + payara.exitValue() + ") before it was healthy; see " + log);
            }
            try {
                HttpResponse<String> answer = http.send(health, HttpResponse.BodyHandlers.ofString());
                Matcher found = NODE.matcher(answer.body());
                String node = found.find() ? found.group(1) : null;
                if (node != null && !node.equals(nodeId)) {
                    throw new DevStartException("Port " + port + " is answered by another server (node \"" + node
                            + "\"), not by this run's node \"" + nodeId + "\". Choose another port: ./mvnw -Prun -D"
                            + DevSettings.PORT_PROPERTY + "=" + (port + 1));
                }
                if (answer.statusCode() == 200 && node != null) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        throw new DevStartException("Payara Micro was not healthy within " + patience.toSeconds() + " s; see " + log);
    }

    /** Stops Payara Micro, then the embedded Redis; safe to call more than once. */
    @Override
    public synchronized void close() {
        if (payara != null) {
            payara.destroy();
            try {
                if (!payara.waitFor(20, TimeUnit.SECONDS)) {
                    payara.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                payara.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        if (redis != null && redis.isActive()) {
            try {
                redis.stop();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** A random value kept under the state directory, so that sessions survive a restart of the dev server. */
    private String kept(String name, int bytes) throws IOException {
        Path file = settings.state().resolve(name);
        if (!Files.exists(file)) {
            byte[] random = new byte[bytes];
            new SecureRandom().nextBytes(random);
            Files.writeString(file, Base64.getUrlEncoder().withoutPadding().encodeToString(random));
        }
        return Files.readString(file).trim();
    }

    private static boolean free(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
