package ssechat.redis.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import redis.clients.jedis.Connection;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.UnifiedJedis;
import ssechat.config.ChatConfig;

/** The one pooled Redis client of this node, shared by every store and closed at shutdown. */
@ApplicationScoped
public class RedisClientProducer {

    @Inject
    ChatConfig config;

    @Produces
    @Singleton
    RedisEndpoint endpoint() {
        return RedisEndpoint.parse(config.redisUrl(), config.redisTimeoutMillis());
    }

    @Produces
    @Singleton
    UnifiedJedis client(RedisEndpoint endpoint) {
        GenericObjectPoolConfig<Connection> pool = new GenericObjectPoolConfig<>();
        pool.setMaxTotal(64);
        pool.setMaxIdle(64);
        pool.setMaxWait(Duration.ofMillis(config.redisTimeoutMillis()));
        pool.setJmxEnabled(false);
        return new JedisPooled(pool, endpoint.address(), endpoint.clientConfig());
    }

    void close(@Disposes UnifiedJedis client) {
        client.close();
    }
}
