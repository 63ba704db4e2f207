package ssechat.dev;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The development run's start: it fails loudly and leaves nothing running when it cannot serve on its port. */
class DevStackTest {

    @TempDir
    Path state;

    @Test
    void aTakenPortFailsTheStartBeforeAnythingStarts() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            List<Long> before = running();
            DevStartException refused = assertThrows(DevStartException.class, () -> DevStack.start(settings(port, Path.of("target", "payara-micro.jar"))));
            assertTrue(refused.getMessage().startsWith("Port " + port + " is already in use"), refused.getMessage());
            assertTrue(refused.getMessage().contains("./mvnw -Prun -Dchat.port="), "says how to choose another port: " + refused.getMessage());
            assertEquals(List.of(), startedSince(before), "neither Redis nor Payara Micro was started");
        }
    }

    @Test
    void aPayaraThatCannotStartStopsTheRedisStartedForIt() throws IOException {
        int port = freePort();
        List<Long> before = running();
        DevStartException failed = assertThrows(DevStartException.class, () -> DevStack.start(settings(port, state.resolve("no-such-payara.jar"))));
        assertTrue(failed.getMessage().startsWith("Payara Micro stopped (exit code 1) before it was healthy"), failed.getMessage());
        assertEquals(List.of(), startedSince(before), "the embedded Redis was stopped");
    }

    @Test
    void anotherServersHealthAnswerIsNotTakenForThisRunsNode() throws Exception {
        HttpServer other = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        other.createContext("/api/health", exchange -> {
            byte[] body = "{\"status\":\"UP\",\"redis\":\"UP\",\"node\":\"dev\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        other.start();
        Process payara = new ProcessBuilder("sleep", "30").start(); // alive, as Payara Micro after a BindException
        try {
            int port = other.getAddress().getPort();
            DevStartException refused = assertThrows(DevStartException.class,
                    () -> DevStack.awaitHealthy(port, "dev-1a2b3", payara, Duration.ofSeconds(10), state.resolve("payara.log")));
            assertEquals("Port " + port + " is answered by another server (node \"dev\"), not by this run's node \"dev-1a2b3\". "
                    + "Choose another port: ./mvnw -Prun -Dchat.port=" + (port + 1), refused.getMessage());
        } finally {
            payara.destroy();
            other.stop(0);
        }
    }

    private DevSettings settings(int port, Path payaraJar) {
        return new DevSettings(port, state, payaraJar, Path.of("target", "sse-chat.war"),
                Path.of("server-config", "payara-micro", "preboot.asadmin"), Path.of("server-config", "payara-micro", "dev-logging.properties"),
                null, "dev-test", Map.of("PATH", System.getenv("PATH")), Duration.ofSeconds(30));
    }

    /** The processes this JVM started that still run, by pid (other unit tests may have started the test run's Redis). */
    private static List<Long> running() {
        return ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).map(ProcessHandle::pid).toList();
    }

    /** What this JVM started after {@code before} and is still running. */
    private static List<Long> startedSince(List<Long> before) {
        return running().stream().filter(pid -> !before.contains(pid)).toList();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
