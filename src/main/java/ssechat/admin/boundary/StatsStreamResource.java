package ssechat.admin.boundary;

import jakarta.annotation.PreDestroy;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.SseEventSink;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import ssechat.admin.control.AdminOnly;
import ssechat.admin.control.ClusterStats;
import ssechat.http.SseFrame;
import ssechat.metrics.entity.NodeStats;

/**
 * {@code GET /api/admin/stats/stream}: the cluster view as a {@code stats} event once a second, the
 * admin console's feed (admin only). A new stream gets the current view at once.
 * Concurrency: bean-managed; the open streams live in a concurrent set.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@AdminOnly
@Path("admin/stats/stream")
public class StatsStreamResource {

    private static final Logger LOG = Logger.getLogger(StatsStreamResource.class.getName());
    private static final long RECONNECT_MILLIS = 2000;

    @Inject
    ClusterStats cluster;

    private final Set<SseEventSink> sinks = ConcurrentHashMap.newKeySet();

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS + ";charset=UTF-8")
    public void open(@Context SseEventSink sink) {
        if (send(sink, SseFrame.event("stats", null, cluster.view(), RECONNECT_MILLIS))) {
            sinks.add(sink);
        }
    }

    /** After each sample of this node: one view for every open stream. */
    public void sampled(@Observes NodeStats sampled) {
        if (sinks.isEmpty()) {
            return;
        }
        SseFrame event = SseFrame.event("stats", null, cluster.view(), SseFrame.RECONNECT_NOT_SET);
        sinks.removeIf(sink -> !send(sink, event));
    }

    @PreDestroy
    void closeAll() {
        sinks.forEach(SseEventSink::close);
    }

    /** False when the client has gone; the sink is closed then. */
    private static boolean send(SseEventSink sink, OutboundSseEvent event) {
        try {
            if (!sink.isClosed() && !sink.send(event).toCompletableFuture().isCompletedExceptionally()) {
                return true;
            }
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "An admin stats stream has gone", e);
        }
        sink.close();
        return false;
    }
}
