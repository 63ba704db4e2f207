package ssechat.admin.boundary;

import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.logging.Logger;
import ssechat.admin.control.AdminOnly;
import ssechat.admin.control.AuditLog;
import ssechat.http.ApiException;
import ssechat.rooms.control.ControlChannel;
import ssechat.rooms.control.HistoryStore;
import ssechat.rooms.entity.Disconnect;
import ssechat.rooms.entity.MessageId;
import ssechat.rooms.entity.RoomName;
import ssechat.sessions.entity.UserName;

/**
 * Moderation (admin only): removing a message, with a {@code delete} event to
 * every stream of the room, and disconnecting (kicking) a user from a room on every node: their
 * streams get {@code ended} {@code kicked}, the room a {@code leave}. Both are audited.
 * Names and ids are validated before they reach the log.
 */
@AdminOnly
@Path("admin/rooms/{room}")
@Produces(MediaType.APPLICATION_JSON)
public class ModerationResource {

    private static final Logger LOG = Logger.getLogger(ModerationResource.class.getName());

    @EJB
    HistoryStore history;
    @Inject
    ControlChannel control;
    @Inject
    AuditLog audit;
    @Context
    SecurityContext security;

    @DELETE
    @Path("messages/{id}")
    public Response deleteMessage(@PathParam("room") String room, @PathParam("id") String id) {
        RoomName.require(room);
        if (!MessageId.isValid(id) || !history.delete(room, id)) {
            throw new ApiException(Response.Status.NOT_FOUND, "not_found", "There is no such message in this room");
        }
        audit.record(adminName(), AuditLog.DELETE, room, id, "");
        LOG.info(() -> admin() + " deleted message " + id + " from #" + room);
        return Response.noContent().build();
    }

    @DELETE
    @Path("users/{name}")
    public Response disconnect(@PathParam("room") String room, @PathParam("name") String name) {
        RoomName.require(room);
        UserName.require(name);
        control.publish(Disconnect.kick(name, room));
        audit.record(adminName(), AuditLog.KICK, room, name, "");
        LOG.info(() -> admin() + " disconnected " + name + " from #" + room);
        return Response.noContent().build();
    }

    private String admin() {
        return "Admin " + adminName();
    }

    private String adminName() {
        return security.getUserPrincipal().getName();
    }
}
