package ssechat.rooms.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import redis.clients.jedis.UnifiedJedis;
import ssechat.redis.control.Keys;
import ssechat.rooms.entity.Disconnect;

/** Sends orders to every node, this one included, over the Redis control channel. */
@ApplicationScoped
public class ControlChannel {

    @Inject
    UnifiedJedis redis;

    public void publish(Disconnect order) {
        redis.publish(Keys.CONTROL_CHANNEL, order.payload());
    }
}
