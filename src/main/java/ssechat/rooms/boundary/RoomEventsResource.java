package ssechat.rooms.boundary;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.sse.SseEventSink;
import ssechat.http.ClientAddress;
import ssechat.rooms.control.StreamLimit;
import ssechat.http.ApiException;
import ssechat.rooms.control.RoomRegistry;
import ssechat.rooms.entity.RoomName;
import ssechat.sessions.control.Authenticator;
import ssechat.sessions.control.SessionStore;
import ssechat.sessions.entity.Session;

/**
 * {@code GET /api/rooms/{room}/events}: checks the room, the token and the caps on open streams,
 * then hands the connection to {@link RoomRegistry}, which opens the stream. Events from Redis
 * reach it there.
 */
@ApplicationScoped
@Path("rooms/{room}/events")
public class RoomEventsResource {

    public static final String EVENT_STREAM = "text/event-stream;charset=UTF-8";

    @Inject
    Authenticator authenticator;
    @EJB
    SessionStore sessions;
    @Inject
    ClientAddress clientAddress;
    @Inject
    StreamLimit limit;
    @Inject
    RoomRegistry rooms;

    @GET
    @Produces(EVENT_STREAM)
    public void open(@PathParam("room") String room, @QueryParam("token") String token,
                     @HeaderParam(HttpHeaders.LAST_EVENT_ID_HEADER) String lastEventIdHeader,
                     @QueryParam("lastEventId") String lastEventIdParam, @Context HttpServletRequest request,
                     @Context SseEventSink sink) {
        RoomName.require(room);
        String user = token == null ? null : liveSession(token).name();
        StreamLimit.Slot slot = limit.admit(user, clientAddress.of(request));
        rooms.open(sink, room, user, lastEventIdHeader != null ? lastEventIdHeader : lastEventIdParam, () -> limit.release(slot));
    }

    /**
     * The headers a stream would get, and no stream. Left to the container, a {@code HEAD} runs
     * {@link #open} and keeps a stream whose writes all succeed, since none reach the client, so it
     * stays open, and its user online, until the server stops.
     */
    @HEAD
    @Produces(EVENT_STREAM)
    public Response head(@PathParam("room") String room, @QueryParam("token") String token) {
        RoomName.require(room);
        if (token != null) {
            liveSession(token);
        }
        return Response.ok().type(EVENT_STREAM).build();
    }

    private Session liveSession(String token) {
        Session session = authenticator.fromToken(token);
        if (!sessions.isLive(session)) {
            throw ApiException.unauthorized("This session has ended: create a new one");
        }
        return session;
    }
}
