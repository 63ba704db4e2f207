package ssechat.admin.boundary;

import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.logging.Logger;
import ssechat.admin.control.AdminOnly;
import ssechat.admin.control.AuditLog;
import ssechat.http.ApiException;
import ssechat.http.JsonBody;
import ssechat.http.RelativeLocation;
import ssechat.rooms.control.ControlChannel;
import ssechat.rooms.entity.Disconnect;
import ssechat.sessions.control.BanStore;
import ssechat.sessions.entity.Ban;
import ssechat.sessions.entity.UserName;

/**
 * Bans (admin only): {@code POST} bans a name for some minutes, ending its session and its streams
 * on every node; {@code GET} lists the bans in force; {@code DELETE} lifts one. Each is audited.
 */
@AdminOnly
@Path("admin/bans")
@Produces(MediaType.APPLICATION_JSON)
public class BansResource {

    static final int MAX_MINUTES = 525_600;
    static final int MAX_REASON = 200;
    private static final Logger LOG = Logger.getLogger(BansResource.class.getName());

    @Inject
    BanStore bans;
    @Inject
    AuditLog audit;
    @Inject
    ControlChannel control;
    @Context
    SecurityContext security;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response ban(InputStream body, @Context HttpServletRequest request) {
        JsonBody json = JsonBody.read(body);
        String name = UserName.require(json.string("name"));
        int minutes = json.integer("minutes", 1, MAX_MINUTES);
        String reason = reason(json.string("reason", ""));
        Ban ban = bans.ban(name, Duration.ofMinutes(minutes), reason, admin());
        control.publish(Disconnect.ban(name, Instant.parse(ban.until())));
        audit.record(admin(), AuditLog.BAN, null, name, minutes + " min" + (reason.isEmpty() ? "" : ": " + reason));
        LOG.info(() -> "Admin " + admin() + " banned " + name + " for " + minutes + " min");
        return Response.status(Response.Status.CREATED)
                .header(HttpHeaders.LOCATION, RelativeLocation.below(request, "bans", URLEncoder.encode(name, StandardCharsets.UTF_8)))
                .entity(ban).build();
    }

    @GET
    public List<Ban> list() {
        return bans.bans();
    }

    @DELETE
    @Path("{name}")
    public Response lift(@PathParam("name") String name) {
        UserName.require(name);
        if (!bans.lift(name)) {
            throw new ApiException(Response.Status.NOT_FOUND, "not_found", "This name is not banned");
        }
        audit.record(admin(), AuditLog.UNBAN, null, name, "");
        LOG.info(() -> "Admin " + admin() + " lifted the ban on " + name);
        return Response.noContent().build();
    }

    /** At most {@link #MAX_REASON} characters, one line: it is shown in the console and the log. */
    private static String reason(String reason) {
        if (reason.codePointCount(0, reason.length()) > MAX_REASON || reason.codePoints().anyMatch(Character::isISOControl)) {
            throw ApiException.badRequest("invalid_reason", "The reason is at most " + MAX_REASON + " characters on one line");
        }
        return reason.strip();
    }

    private String admin() {
        return security.getUserPrincipal().getName();
    }
}
