package ssechat.rooms.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import ssechat.presence.control.OnlineUsers;
import ssechat.rooms.entity.RoomName;

/** {@code GET /api/rooms/{room}/users}: who is online in a room, on any node, sorted. */
@ApplicationScoped
@Path("rooms/{room}/users")
public class UsersResource {

    @Inject
    OnlineUsers online;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public List<String> online(@PathParam("room") String room) {
        return online.in(RoomName.require(room));
    }
}
