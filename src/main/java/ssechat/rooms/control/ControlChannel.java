package ssechat.rooms.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import redis.clients.jedis.UnifiedJedis;
import ssechat.redis.control.Keys;
import ssechat.rooms.entity.Disconnect;
import ssechat.sessions.entity.SessionEnded;

/** Sends orders to every node, this one included, over the Redis control channel. */
@ApplicationScoped
public class ControlChannel {

    @Inject
    UnifiedJedis redis;

    public void publish(Disconnect order) {
        redis.publish(Keys.CONTROL_CHANNEL, order.payload());
    }

    /** A logout closes the user's streams in every room on every node. */
    void sessionEnded(@Observes SessionEnded ended) {
        publish(Disconnect.logout(ended.name()));
    }
}
