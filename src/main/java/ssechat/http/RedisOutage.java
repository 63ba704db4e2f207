package ssechat.http;

import java.util.Set;
import redis.clients.jedis.exceptions.JedisBusyException;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Tells a Redis that cannot serve now (a client may retry: 503) from a command Redis refused, which
 * is a fault of this server (500). Redis refusing a command because of what a client sent must
 * never read as an outage: the stores check input at the edges so that it does not happen.
 */
final class RedisOutage {

    /**
     * Replies of a Redis that is up but not serving: starting, failing over (on a Cluster, CLUSTERDOWN until a
     * replica of a failed primary is promoted), busy with a script, or migrating a slot (TRYAGAIN).
     */
    private static final Set<String> NOT_SERVING = Set.of("LOADING", "MASTERDOWN", "READONLY", "BUSY", "TRYAGAIN", "NOREPLICAS",
            "CLUSTERDOWN");

    private RedisOutage() {
    }

    static boolean is(Throwable e) {
        if (e instanceof JedisConnectionException || e instanceof JedisBusyException) {
            return true;
        }
        if (e instanceof JedisDataException reply) {
            String message = reply.getMessage() == null ? "" : reply.getMessage();
            int space = message.indexOf(' ');
            return NOT_SERVING.contains(space < 0 ? message : message.substring(0, space));
        }
        // what is left is the pool's own: no connection free within the timeout
        return e instanceof JedisException;
    }
}
