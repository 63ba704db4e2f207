package ssechat.redis.control;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.RedisProtocol;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.util.JedisURIHelper;
import ssechat.config.MaskedUrl;

/**
 * Where Redis is and how to talk to it: one server from a {@code redis://[user:password@]host:port[/db]}
 * URL, the current primary of a Sentinel-watched group, or a Redis Cluster found from its seed nodes
 * (credentials and TLS still from the URL).
 */
public record RedisEndpoint(HostAndPort address, JedisClientConfig clientConfig, Set<HostAndPort> sentinels, String masterName,
        Set<HostAndPort> clusterNodes) {

    public static RedisEndpoint parse(String url, List<String> sentinels, String masterName, int timeoutMillis) {
        return parse(url, sentinels, masterName, List.of(), timeoutMillis);
    }

    public static RedisEndpoint parse(String url, List<String> sentinels, String masterName, List<String> clusterNodes, int timeoutMillis) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            uri = null; // its message quotes the URL, password and all
        }
        if (uri == null || !JedisURIHelper.isValid(uri)) {
            throw new IllegalStateException("REDIS_URL is not a valid redis:// URL: " + MaskedUrl.of(url));
        }
        JedisClientConfig config = DefaultJedisClientConfig.builder()
                .user(JedisURIHelper.getUser(uri))
                .password(JedisURIHelper.getPassword(uri))
                .database(JedisURIHelper.getDBIndex(uri))
                .ssl(JedisURIHelper.isRedisSSLScheme(uri))
                .connectionTimeoutMillis(timeoutMillis)
                .socketTimeoutMillis(timeoutMillis)
                .clientName("sse-chat")
                // Jedis 8 negotiates RESP3 by default; the scripts' replies and the pub/sub bridge are read as RESP2
                .protocol(RedisProtocol.RESP2)
                .build();
        return new RedisEndpoint(JedisURIHelper.getHostAndPort(uri), config,
                sentinels.stream().map(HostAndPort::from).collect(Collectors.toUnmodifiableSet()), masterName,
                clusterNodes.stream().map(HostAndPort::from).collect(Collectors.toCollection(LinkedHashSet::new)));
    }

    public boolean usesSentinels() {
        return !sentinels.isEmpty();
    }

    /** Whether Redis is a Cluster, reached through {@link #clusterNodes()} (any of them; the client learns the rest). */
    public boolean usesCluster() {
        return !clusterNodes.isEmpty();
    }

    /**
     * The server to connect to now: the configured one, the primary the Sentinels name, or on a
     * cluster the first seed node that answers (the control channel is classic PUBLISH, which reaches subscribers on every node).
     */
    public HostAndPort primary() {
        if (usesCluster()) {
            return reachableSeed();
        }
        if (!usesSentinels()) {
            return address;
        }
        JedisClientConfig sentinelConfig = DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis(clientConfig.getConnectionTimeoutMillis())
                .socketTimeoutMillis(clientConfig.getSocketTimeoutMillis()).build();
        for (HostAndPort sentinel : sentinels) {
            try (Jedis jedis = new Jedis(sentinel, sentinelConfig)) {
                List<String> primary = jedis.sentinelGetMasterAddrByName(masterName);
                if (primary != null && primary.size() == 2) {
                    return new HostAndPort(primary.get(0), Integer.parseInt(primary.get(1)));
                }
            } catch (JedisConnectionException e) {
                // ask the next Sentinel
            }
        }
        throw new JedisConnectionException("No Sentinel knows a primary named " + masterName);
    }

    private HostAndPort reachableSeed() {
        for (HostAndPort seed : clusterNodes) {
            try (Jedis jedis = new Jedis(seed, clientConfig)) {
                jedis.ping();
                return seed;
            } catch (JedisConnectionException e) {
                // try the next seed
            }
        }
        throw new JedisConnectionException("No Redis Cluster node answers: " + clusterNodes);
    }

    public Jedis connect() {
        return new Jedis(primary(), clientConfig);
    }
}
