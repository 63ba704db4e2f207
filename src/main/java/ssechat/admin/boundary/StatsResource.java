package ssechat.admin.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import ssechat.admin.control.AdminOnly;
import ssechat.admin.control.ClusterStats;
import ssechat.http.ApiException;

/**
 * {@code GET /api/admin/stats}: every live node's figures, and {@code GET /api/admin/stats/history}:
 * their samples over the last minutes (admin only).
 */
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

    @GET
    @Path("history")
    @Produces(MediaType.APPLICATION_JSON)
    public Response history(@QueryParam("minutes") @DefaultValue("15") String minutes) {
        return Response.ok(cluster.history(parseMinutes(minutes))).header("Cache-Control", "no-store").build();
    }

    private static int parseMinutes(String minutes) {
        try {
            int value = Integer.parseInt(minutes);
            if (value >= 1 && value <= 60) {
                return value;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiException.badRequest("invalid_minutes", "minutes must be a whole number from 1 to 60");
    }
}
