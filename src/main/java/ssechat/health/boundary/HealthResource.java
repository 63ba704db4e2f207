package ssechat.health.boundary;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import redis.clients.jedis.UnifiedJedis;
import ssechat.config.ChatConfig;
import ssechat.health.entity.Health;
import ssechat.redis.control.RedisBridge;
import ssechat.rooms.control.RoomRegistry;

/** {@code GET /api/health}: UP when Redis answers, the pub/sub bridge is subscribed and the node is not stopping, else 503. */
@ApplicationScoped
@Path("health")
public class HealthResource {

    @Inject
    UnifiedJedis redis;
    @EJB
    RedisBridge bridge;
    @Inject
    RoomRegistry rooms;
    @Inject
    ChatConfig config;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response health() {
        boolean redisUp = redisAnswers() && bridge.isSubscribed();
        boolean up = redisUp && !rooms.isStopping();
        return Response.status(up ? Response.Status.OK : Response.Status.SERVICE_UNAVAILABLE)
                .entity(new Health(up ? "UP" : "DOWN", redisUp ? "UP" : "DOWN", config.nodeId(), rooms.openStreams(), rooms.openRooms()))
                .build();
    }

    private boolean redisAnswers() {
        try {
            return "PONG".equals(redis.ping());
        } catch (RuntimeException e) {
            return false;
        }
    }
}
