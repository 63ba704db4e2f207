package ssechat.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.RedisClusterClient;
import redis.clients.jedis.RedisProtocol;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.params.MigrateParams;
import redis.clients.jedis.resps.ClusterShardInfo;
import redis.clients.jedis.resps.ClusterShardNodeInfo;
import redis.clients.jedis.util.JedisClusterCRC16;

/**
 * A Redis Cluster of three primaries and three replicas on free loopback ports: six Debian
 * {@code redis-server} processes with {@code cluster-enabled yes} and no persistence, in a temporary
 * folder, joined by {@code redis-cli --cluster create ... --cluster-replicas 1}. Ready once every
 * node reports {@code cluster_state:ok}; every process is stopped by its handle afterwards.
 * A test class registers one with {@code @RegisterExtension}.
 */
final class LocalRedisCluster implements BeforeAllCallback, AfterAllCallback, AutoCloseable {

    private static final int NODES = 6;
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    private static final JedisClientConfig RESP2 = DefaultJedisClientConfig.builder().protocol(RedisProtocol.RESP2)
            .connectionTimeoutMillis(2000).socketTimeoutMillis(2000).build();

    private final List<Integer> ports = new ArrayList<>();
    private final List<Process> servers = new ArrayList<>();
    private Path dir;

    /** Its ports are chosen here, so that {@link #seeds()} can configure what starts with it. */
    LocalRedisCluster() {
        try {
            for (int i = 0; i < NODES; i++) {
                ports.add(freePort());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        dir = Files.createTempDirectory("redis-cluster-");
        for (int port : ports) {
            servers.add(start(port));
        }
        for (int port : ports) {
            awaitPing(port);
        }
        create();
        for (int port : ports) {
            awaitClusterOk(port);
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    /** The nodes as REDIS_CLUSTER_NODES takes them: {@code host:port,...}. */
    String seeds() {
        return ports.stream().map(port -> "127.0.0.1:" + port).collect(Collectors.joining(","));
    }

    Set<HostAndPort> nodes() {
        return ports.stream().map(port -> new HostAndPort("127.0.0.1", port)).collect(Collectors.toSet());
    }

    /** A cluster client as the application builds one (RESP2). */
    RedisClusterClient client() {
        return RedisClusterClient.builder().nodes(nodes()).clientConfig(RESP2).build();
    }

    /** A plain connection to one node, for CLUSTER and PUBSUB commands that ask that node. */
    Jedis node(int port) {
        return new Jedis(new HostAndPort("127.0.0.1", port), RESP2);
    }

    List<Integer> ports() {
        return List.copyOf(ports);
    }

    /** The port of the live primary that owns {@code key}'s slot, as the first node that answers sees it. */
    int owner(String key) {
        int slot = JedisClusterCRC16.getSlot(key);
        return shards().stream().filter(shard -> shard.getSlots().stream().anyMatch(range -> range.get(0) <= slot && slot <= range.get(1)))
                .flatMap(shard -> shard.getNodes().stream()).filter(LocalRedisCluster::isLivePrimary)
                .map(node -> node.getPort().intValue()).findFirst().orElse(0);
    }

    /** The ports of the live primaries that own slots. */
    Set<Integer> primaries() {
        return shards().stream().filter(shard -> !shard.getSlots().isEmpty()).flatMap(shard -> shard.getNodes().stream())
                .filter(LocalRedisCluster::isLivePrimary).map(node -> node.getPort().intValue()).collect(Collectors.toSet());
    }

    private List<ClusterShardInfo> shards() {
        for (int port : alive()) {
            try (Jedis jedis = node(port)) {
                return jedis.clusterShards();
            } catch (JedisException e) {
                // ask the next
            }
        }
        throw new IllegalStateException("No Redis Cluster node answers");
    }

    private static boolean isLivePrimary(ClusterShardNodeInfo node) {
        return "master".equals(node.getRole()) && "online".equals(node.getHealth());
    }

    /** The ports of the nodes not killed. */
    List<Integer> alive() {
        List<Integer> alive = new ArrayList<>();
        for (int i = 0; i < ports.size(); i++) {
            if (servers.get(i).isAlive()) {
                alive.add(ports.get(i));
            }
        }
        return alive;
    }

    /**
     * Moves one slot from one primary to another by hand, as {@code redis-cli --cluster reshard} does:
     * SETSLOT IMPORTING on the target, MIGRATING on the source, MIGRATE its keys in batches, then
     * SETSLOT NODE on the target, the source and every other primary.
     */
    void migrateSlot(int slot, int from, int to) {
        try (Jedis source = node(from); Jedis target = node(to)) {
            String sourceId = source.clusterMyId();
            String targetId = target.clusterMyId();
            target.clusterSetSlotImporting(slot, sourceId);
            source.clusterSetSlotMigrating(slot, targetId);
            for (int batch = 0; batch < 1000; batch++) {
                List<String> keys = source.clusterGetKeysInSlot(slot, 100);
                if (keys.isEmpty()) {
                    break;
                }
                source.migrate("127.0.0.1", to, 0, 5000, MigrateParams.migrateParams(), keys.toArray(String[]::new));
            }
            target.clusterSetSlotNode(slot, targetId);
            source.clusterSetSlotNode(slot, targetId);
            for (int primary : primaries()) {
                if (primary != from && primary != to) {
                    try (Jedis other = node(primary)) {
                        other.clusterSetSlotNode(slot, targetId);
                    }
                }
            }
        }
    }

    /** SIGKILL of one node, as a crash would; waits for it to be gone. */
    void kill(int port) throws InterruptedException {
        Process server = servers.get(ports.indexOf(port));
        server.destroyForcibly();
        server.waitFor(10, TimeUnit.SECONDS);
    }

    private Process start(int port) throws IOException {
        Path home = Files.createDirectories(dir.resolve(String.valueOf(port)));
        Path config = home.resolve("redis.conf");
        Files.writeString(config, String.join("\n",
                "port " + port,
                "bind 127.0.0.1",
                "dir " + home,
                "cluster-enabled yes",
                "cluster-config-file nodes.conf",
                "cluster-node-timeout 2000",
                "appendonly no",
                "save \"\"",
                "daemonize no",
                "logfile " + home.resolve("redis.log"),
                ""));
        return new ProcessBuilder("redis-server", config.toString()).redirectErrorStream(true)
                .redirectOutput(home.resolve("stdout.log").toFile()).start();
    }

    private void create() throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("redis-cli", "--cluster", "create"));
        ports.forEach(port -> command.add("127.0.0.1:" + port));
        command.addAll(List.of("--cluster-replicas", "1", "--cluster-yes"));
        Path log = dir.resolve("create.log");
        Process create = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!create.waitFor(READY_TIMEOUT.toSeconds(), TimeUnit.SECONDS) || create.exitValue() != 0) {
            create.destroyForcibly();
            throw new IllegalStateException("redis-cli --cluster create failed:\n" + Files.readString(log));
        }
    }

    private void awaitPing(int port) throws InterruptedException {
        await(port, jedis -> "PONG".equals(jedis.ping()), "answer PING");
    }

    private void awaitClusterOk(int port) throws InterruptedException {
        await(port, jedis -> jedis.clusterInfo().contains("cluster_state:ok"), "report cluster_state:ok");
    }

    private void await(int port, java.util.function.Predicate<Jedis> ready, String what) throws InterruptedException {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            try (Jedis jedis = node(port)) {
                if (ready.test(jedis)) {
                    return;
                }
            } catch (JedisException e) {
                // not yet
            }
            TimeUnit.MILLISECONDS.sleep(100);
        }
        throw new IllegalStateException("Redis on port " + port + " did not " + what + " within " + READY_TIMEOUT);
    }

    @Override
    public void close() {
        for (Process server : servers) {
            server.destroy();
        }
        for (Process server : servers) {
            try {
                if (!server.waitFor(10, TimeUnit.SECONDS)) {
                    server.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                server.destroyForcibly();
            }
        }
        servers.clear();
        if (dir != null) {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** A free port whose cluster bus port (+10000) is free too. */
    private static int freePort() throws IOException {
        for (int attempt = 0; attempt < 100; attempt++) {
            int port;
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            if (port + 10000 <= 65535 && isFree(port + 10000)) {
                return port;
            }
        }
        throw new IllegalStateException("No free port pair (port, port + 10000) found");
    }

    private static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket(port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
