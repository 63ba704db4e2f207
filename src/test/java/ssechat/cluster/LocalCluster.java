package ssechat.cluster;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import ssechat.it.ChatApi;

/**
 * Redis, Payara Micro nodes and Nginx on free loopback ports, started and stopped with
 * server-config/cluster/start.sh and stop.sh (the scripts under test), run state in
 * target/cluster-it. Every process is known by pid; {@link #close()} makes sure each is gone.
 * A test class registers one with {@code @RegisterExtension} and shares it across its tests.
 */
final class LocalCluster implements AutoCloseable, BeforeAllCallback, AfterAllCallback {

    private static final Path ROOT = Path.of("").toAbsolutePath();
    private static final Path DIR = ROOT.resolve("target/cluster-it");
    private static final Duration START_TIMEOUT = Duration.ofMinutes(4);

    private final int nodes;
    private final Map<String, String> settings;
    private final Properties ports = new Properties();
    private final Set<ProcessHandle> processes = new LinkedHashSet<>();

    private LocalCluster(int nodes, Map<String, String> settings) {
        this.nodes = nodes;
        this.settings = settings;
    }

    /**
     * A cluster of {@code nodes} nodes with the given extra environment (CHAT_*, NGINX_STREAM_READ_TIMEOUT;
     * CLUSTER_REDIS_SENTINEL=yes for a primary, a replica and a Sentinel), for
     * {@code @RegisterExtension}: it starts before the class's tests and stops after them. Rate limits
     * are raised: these tests post from few addresses, faster than a person would.
     */
    static LocalCluster of(int nodes, Map<String, String> settings) {
        return new LocalCluster(nodes, settings);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        Files.createDirectories(DIR);
        script("stop.sh").redirectOutput(DIR.resolve("stop.log").toFile()).start().waitFor(90, TimeUnit.SECONDS);
        Path log = DIR.resolve("start.log");
        ProcessBuilder start = script("start.sh", String.valueOf(nodes)).redirectOutput(log.toFile());
        start.environment().remove("REDIS_URL");
        start.environment().remove("REDIS_SENTINELS");
        start.environment().putAll(environment(nodes));
        start.environment().putAll(settings);
        Process process = start.start();
        boolean done = process.waitFor(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        recordProcesses();
        if (!done || process.exitValue() != 0) {
            process.destroyForcibly();
            close();
            throw new IllegalStateException("start.sh failed:\n" + Files.readString(log));
        }
        try (var in = Files.newInputStream(DIR.resolve("cluster.env"))) {
            ports.load(in);
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        close();
    }

    /** A client of the cluster through Nginx. */
    ChatApi nginxApi() throws IOException {
        return api(nginx());
    }

    /** The REDIS_URL the nodes were started with. */
    String redisUrl() {
        return ports.getProperty("REDIS_URL");
    }

    URI nginx() {
        return URI.create("http://127.0.0.1:" + ports.getProperty("CLUSTER_HTTP_PORT") + "/");
    }

    URI node(int i) {
        return URI.create("http://127.0.0.1:" + ports.getProperty("CLUSTER_NODE" + i + "_PORT") + "/");
    }

    /** A node by its CHAT_NODE_ID, as a welcome event names it ("node2"). */
    URI node(String nodeId) {
        return node(Integer.parseInt(nodeId.substring("node".length())));
    }

    static ChatApi api(URI base) throws IOException {
        return new ChatApi(base.toURL());
    }

    /** The nginx.conf that start.sh generated. */
    String nginxConf() throws IOException {
        return Files.readString(DIR.resolve("nginx/nginx.conf"));
    }

    /** SIGKILL, as a crash or an OOM killer would. */
    void kill(int node) throws IOException {
        ProcessHandle.of(pid("node" + node)).ifPresent(ProcessHandle::destroyForcibly);
    }

    /** SIGTERM, as an orderly shutdown (systemd, Kubernetes) would; does not wait for the exit. */
    void terminate(int node) throws IOException {
        ProcessHandle.of(pid("node" + node)).ifPresent(ProcessHandle::destroy);
    }

    /**
     * server-config/cluster/redis.sh: {@code stop} (SIGTERM, Redis saves), {@code kill} or {@code start}
     * again one Redis process ({@code redis}, {@code redis-replica}, {@code redis-sentinel}); waits for it.
     */
    void redis(String action, String name) throws IOException, InterruptedException {
        Path log = DIR.resolve("redis-sh.log");
        Process process = script("redis.sh", action, name).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        boolean done = process.waitFor(60, TimeUnit.SECONDS);
        recordProcesses();
        if (!done || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IllegalStateException("redis.sh " + action + " " + name + " failed:\n" + Files.readString(log));
        }
    }

    /** A port from cluster.env, e.g. CLUSTER_SENTINEL_PORT. */
    int port(String key) {
        return Integer.parseInt(ports.getProperty(key));
    }

    /** stop.sh; then SIGKILL for anything it left behind, and an exception saying so. */
    @Override
    public void close() throws IOException, InterruptedException {
        script("stop.sh").redirectOutput(DIR.resolve("stop.log").toFile()).start().waitFor(90, TimeUnit.SECONDS);
        List<String> leftOver = new ArrayList<>();
        for (ProcessHandle process : processes) {
            if (!exited(process)) {
                leftOver.add(process.info().commandLine().orElse("pid " + process.pid()));
                process.destroyForcibly();
            }
        }
        if (!leftOver.isEmpty()) {
            throw new IllegalStateException("stop.sh left running: " + leftOver);
        }
    }

    /** True once the process is gone; a process that stop.sh saw exiting may need a moment to be reaped. */
    private static boolean exited(ProcessHandle process) throws InterruptedException {
        try {
            process.onExit().get(10, TimeUnit.SECONDS);
            return true;
        } catch (ExecutionException | TimeoutException e) {
            return false;
        }
    }

    /** Every process start.sh or redis.sh wrote a pid file for (nginx, redis*, node1..N). */
    private void recordProcesses() throws IOException {
        try (var files = Files.list(DIR)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".pid")).toList()) {
                ProcessHandle.of(Long.parseLong(Files.readString(file).trim())).ifPresent(processes::add);
            }
        }
    }

    private static long pid(String name) throws IOException {
        return Long.parseLong(Files.readString(DIR.resolve(name + ".pid")).trim());
    }

    private static ProcessBuilder script(String name, String... args) {
        List<String> command = new ArrayList<>(List.of("bash", ROOT.resolve("server-config/cluster/" + name).toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true);
        builder.environment().put("CLUSTER_DIR", DIR.toString());
        return builder;
    }

    /** Free ports and this build's artifacts, so start.sh neither guesses nor builds. */
    private static Map<String, String> environment(int nodes) throws IOException {
        Map<String, String> env = new HashMap<>();
        env.put("CLUSTER_HTTP_PORT", String.valueOf(freePort()));
        env.put("CLUSTER_HTTPS_PORT", String.valueOf(freePort()));
        env.put("CLUSTER_REDIS_PORT", String.valueOf(freePort()));
        env.put("CLUSTER_REDIS_REPLICA_PORT", String.valueOf(freePort()));
        env.put("CLUSTER_SENTINEL_PORT", String.valueOf(freePort()));
        List<String> nodePorts = new ArrayList<>();
        for (int i = 0; i < nodes; i++) {
            nodePorts.add(String.valueOf(freePort()));
        }
        env.put("CLUSTER_NODE_PORTS", String.join(" ", nodePorts));
        env.put("CLUSTER_PAYARA_JAR", requiredFile("payara.microJar"));
        env.put("CLUSTER_WAR", requiredFile("chat.war"));
        // Most tests want streams of one room spread over the nodes; RoomAffinityIT asks for room affinity.
        env.put("NGINX_BALANCE", "least_conn");
        env.put("CHAT_RATE_USER", "100000");
        env.put("CHAT_RATE_ADDRESS", "100000");
        env.put("CHAT_RATE_SESSIONS", "100000");
        env.put("CHAT_MAX_STREAMS_PER_USER", "100000");
        env.put("CHAT_MAX_STREAMS_PER_ADDRESS", "100000");
        return env;
    }

    private static String requiredFile(String property) {
        String path = System.getProperty(property);
        if (path == null || !Files.isRegularFile(Path.of(path))) {
            throw new IllegalStateException("system property " + property + " must name a built file (run through failsafe): " + path);
        }
        return path;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
