package ssechat.redis.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import redis.clients.jedis.Connection;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.RedisClusterClient;
import redis.clients.jedis.RedisSentinelClient;
import redis.clients.jedis.UnifiedJedis;
import ssechat.config.ChatConfig;

/** The one pooled Redis client of this node (single server, Sentinel-watched or a Cluster), shared by every store, closed at shutdown. */
@ApplicationScoped
public class RedisClientProducer {

    private static final int MAX_CONNECTIONS = 256;

    @Inject
    ChatConfig config;

    @Produces
    @Singleton
    RedisEndpoint endpoint() {
        return RedisEndpoint.parse(config.redisUrl(), config.redisSentinels(), config.redisSentinelMaster(), config.redisClusterNodes(),
                config.redisTimeoutMillis());
    }

    @Produces
    @Singleton
    UnifiedJedis client(RedisEndpoint endpoint) {
        GenericObjectPoolConfig<Connection> pool = new GenericObjectPoolConfig<>();
        // As many connections as request threads may want at once (Payara's HTTP pool has 200):
        // a burst of stream opens must not wait past the timeout and fail with 503.
        pool.setMaxTotal(MAX_CONNECTIONS);
        pool.setMaxIdle(MAX_CONNECTIONS);
        pool.setMaxWait(Duration.ofMillis(config.redisTimeoutMillis()));
        pool.setJmxEnabled(false);
        if (endpoint.usesCluster()) {
            // a pool per shard; MOVED and ASK are followed, the slot map is refreshed on a topology change
            return RedisClusterClient.builder().nodes(endpoint.clusterNodes()).clientConfig(endpoint.clientConfig()).poolConfig(pool)
                    .maxTotalRetriesDuration(Duration.ofMillis(2L * config.redisTimeoutMillis())).build();
        }
        if (endpoint.usesSentinels()) {
            JedisClientConfig sentinelConfig = DefaultJedisClientConfig.builder()
                    .connectionTimeoutMillis(config.redisTimeoutMillis()).socketTimeoutMillis(config.redisTimeoutMillis()).build();
            return RedisSentinelClient.builder().masterName(endpoint.masterName()).sentinels(endpoint.sentinels())
                    .clientConfig(endpoint.clientConfig()).sentinelClientConfig(sentinelConfig).poolConfig(pool).build();
        }
        return RedisClient.builder().hostAndPort(endpoint.address()).clientConfig(endpoint.clientConfig()).poolConfig(pool).build();
    }

    void close(@Disposes UnifiedJedis client) {
        client.close();
    }
}
