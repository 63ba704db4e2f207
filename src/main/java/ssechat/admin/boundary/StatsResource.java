package ssechat.admin.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import ssechat.admin.control.AdminOnly;
import ssechat.admin.control.ClusterStats;

/** {@code GET /api/admin/stats}: every live node's figures (admin only). */
@ApplicationScoped
@AdminOnly
@Path("admin/stats")
public class StatsResource {

    @Inject
    ClusterStats cluster;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response stats() {
        return Response.ok(cluster.view()).header("Cache-Control", "no-store").build();
    }
}
