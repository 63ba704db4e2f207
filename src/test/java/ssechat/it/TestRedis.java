package ssechat.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.RedisProtocol;
import redis.embedded.RedisServer;

/**
 * The real Redis server of a test run: the binary shipped in the embedded-redis artifact, on a free
 * loopback port, started once per JVM and stopped when the JVM exits. As an extension it runs
 * before Arquillian, whose configuration reads {@code chat.redisUrl}.
 */
public final class TestRedis implements BeforeAllCallback {

    /** Data survives a restart (append-only file), as on a production Redis, so tokens stay valid. */
    private static final Path DATA = createDataDirectory();
    private static RedisServer server;
    private static int port;

    @Override
    public void beforeAll(ExtensionContext context) {
        url();
    }

    public static synchronized String url() {
        if (server == null) {
            port = freePort();
            start();
            System.setProperty("chat.redisUrl", "redis://127.0.0.1:" + port);
            Runtime.getRuntime().addShutdownHook(new Thread(TestRedis::stop));
        }
        return "redis://127.0.0.1:" + port;
    }

    public static int port() {
        url();
        return port;
    }

    /** A client of the test run's Redis, for tests that check or prepare what the server keeps there; RESP2, as the server's own. */
    public static RedisClient client() {
        return RedisClient.builder().hostAndPort("127.0.0.1", port())
                .clientConfig(DefaultJedisClientConfig.builder().protocol(RedisProtocol.RESP2).build()).build();
    }

    /** Stops the server, as an outage would; {@link #start()} brings it back on the same port. */
    public static synchronized void stop() {
        try {
            if (server != null && server.isActive()) {
                server.stop();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static synchronized void start() {
        try {
            server = RedisServer.newRedisServer().port(port).bind("127.0.0.1")
                    .setting("dir " + DATA.toAbsolutePath())
                    .setting("save \"\"").setting("appendonly yes").setting("appendfsync always").build();
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path createDataDirectory() {
        try {
            Files.createDirectories(Path.of("target"));
            return Files.createTempDirectory(Path.of("target"), "redis-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
