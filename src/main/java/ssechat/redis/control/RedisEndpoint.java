package ssechat.redis.control;

import java.net.URI;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.util.JedisURIHelper;

/** Where Redis is and how to talk to it, from a {@code redis://[user:password@]host:port[/db]} URL. */
public record RedisEndpoint(HostAndPort address, JedisClientConfig clientConfig) {

    public static RedisEndpoint parse(String url, int timeoutMillis) {
        URI uri = URI.create(url);
        if (!JedisURIHelper.isValid(uri)) {
            throw new IllegalStateException("REDIS_URL is not a valid redis:// URL: " + url);
        }
        JedisClientConfig config = DefaultJedisClientConfig.builder()
                .user(JedisURIHelper.getUser(uri))
                .password(JedisURIHelper.getPassword(uri))
                .database(JedisURIHelper.getDBIndex(uri))
                .ssl(JedisURIHelper.isRedisSSLScheme(uri))
                .connectionTimeoutMillis(timeoutMillis)
                .socketTimeoutMillis(timeoutMillis)
                .clientName("sse-chat")
                .build();
        return new RedisEndpoint(JedisURIHelper.getHostAndPort(uri), config);
    }
}
