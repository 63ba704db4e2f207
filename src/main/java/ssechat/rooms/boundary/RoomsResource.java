package ssechat.rooms.boundary;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import ssechat.http.Json;
import ssechat.http.PageSize;
import ssechat.rooms.control.RoomDirectory;

/** {@code GET /api/rooms}: the room directory, most recently active first. */
@ApplicationScoped
@Path("rooms")
public class RoomsResource {

    @EJB
    RoomDirectory directory;

    /** Written here rather than by the container's JSON-B, which would leave out a null {@code lastMessage}. */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public String rooms(@QueryParam("count") @DefaultValue("50") String count) {
        return Json.write(directory.rooms(PageSize.require(count)));
    }
}
