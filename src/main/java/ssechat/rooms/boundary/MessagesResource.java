package ssechat.rooms.boundary;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.util.Optional;
import java.util.stream.Collectors;
import ssechat.http.ApiException;
import ssechat.http.JsonBody;
import ssechat.http.PageSize;
import ssechat.http.RelativeLocation;
import ssechat.metrics.control.ChatMetrics;
import ssechat.rooms.control.HistoryStore;
import ssechat.rooms.control.TypingSignal;
import ssechat.rooms.entity.Change;
import ssechat.rooms.entity.Edited;
import ssechat.rooms.entity.IdempotencyKey;
import ssechat.rooms.entity.MessageId;
import ssechat.rooms.entity.MessageText;
import ssechat.rooms.entity.Posted;
import ssechat.rooms.entity.RoomName;
import ssechat.rooms.entity.StoredMessage;
import ssechat.sessions.control.Authenticator;
import ssechat.sessions.control.Bucket;
import ssechat.sessions.control.WriteGuard;
import ssechat.sessions.entity.Session;

/** Posting, reading, editing and deleting a room's messages, and its typing signals. One instance serves every request. */
@ApplicationScoped
@Path("rooms/{room}")
@Produces(MediaType.APPLICATION_JSON)
public class MessagesResource {

    private static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    @EJB
    HistoryStore history;
    @EJB
    TypingSignal typing;
    @Inject
    Authenticator authenticator;
    @Inject
    WriteGuard guard;
    @Inject
    ChatMetrics metrics;

    @POST
    @Path("messages")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response post(@PathParam("room") String room, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                         @HeaderParam(IDEMPOTENCY_KEY) String idempotencyHeader, InputStream body,
                         @Context HttpServletRequest request) {
        RoomName.require(room);
        Session session = authenticator.fromHeader(authorization);
        Optional<String> idempotencyKey = IdempotencyKey.parse(idempotencyHeader);
        String text = MessageText.require(JsonBody.read(body).string("text"));
        guard.admit(session, request, Bucket.MESSAGES);
        Posted posted = history.append(room, session.name(), text, idempotencyKey);
        if (posted.created()) {
            metrics.published();
        }
        return Response.status(posted.created() ? Response.Status.CREATED : Response.Status.OK)
                .header(HttpHeaders.LOCATION, RelativeLocation.below(request, "messages", posted.message().id()))
                .entity(posted.message().json())
                .build();
    }

    @GET
    @Path("messages")
    public String page(@PathParam("room") String room, @QueryParam("count") @DefaultValue("50") String count,
                       @QueryParam("before") String before) {
        RoomName.require(room);
        if (before != null && !MessageId.isValid(before)) {
            throw ApiException.badRequest("invalid_before", "before must be a message id");
        }
        return history.page(room, PageSize.require(count), Optional.ofNullable(before)).stream()
                .map(StoredMessage::json)
                .collect(Collectors.joining(",", "[", "]"));
    }

    @GET
    @Path("messages/{id}")
    public String find(@PathParam("room") String room, @PathParam("id") String id) {
        RoomName.require(room);
        if (!MessageId.isValid(id)) {
            throw new NotFoundException();
        }
        return history.find(room, id).map(StoredMessage::json).orElseThrow(NotFoundException::new);
    }

    @PATCH
    @Path("messages/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public String edit(@PathParam("room") String room, @PathParam("id") String id,
                       @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, InputStream body,
                       @Context HttpServletRequest request) {
        RoomName.require(room);
        Session session = authenticator.fromHeader(authorization);
        String text = MessageText.require(JsonBody.read(body).string("text"));
        if (!MessageId.isValid(id)) {
            throw new NotFoundException();
        }
        guard.admit(session, request, Bucket.MESSAGES);
        Edited edited = history.edit(room, id, session.name(), text);
        refuse(edited.change(), "edit");
        return edited.message().orElseThrow().json();
    }

    @DELETE
    @Path("messages/{id}")
    public Response delete(@PathParam("room") String room, @PathParam("id") String id,
                           @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @Context HttpServletRequest request) {
        RoomName.require(room);
        Session session = authenticator.fromHeader(authorization);
        if (!MessageId.isValid(id)) {
            throw new NotFoundException();
        }
        guard.admit(session, request, Bucket.MESSAGES);
        refuse(history.deleteOwn(room, id, session.name()), "delete");
        return Response.noContent().build();
    }

    private static void refuse(Change change, String what) {
        switch (change) {
            case DONE -> { }
            case NOT_FOUND -> throw new NotFoundException();
            case NOT_AUTHOR -> throw new ApiException(Response.Status.FORBIDDEN, "not_author", "Only its author may " + what + " a message");
            case TOO_LATE -> throw new ApiException(Response.Status.CONFLICT, "edit_window_over",
                    "A message can be edited for " + HistoryStore.EDIT_WINDOW.toMinutes() + " minutes after it was posted");
        }
    }

    @POST
    @Path("typing")
    public Response typing(@PathParam("room") String room, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                           @HeaderParam(IDEMPOTENCY_KEY) String idempotencyHeader, @Context HttpServletRequest request) {
        RoomName.require(room);
        Session session = authenticator.fromHeader(authorization);
        Optional<String> idempotencyKey = IdempotencyKey.parse(idempotencyHeader);
        guard.admit(session, request, Bucket.TYPING);
        typing.send(room, session.name(), idempotencyKey);
        return Response.noContent().build();
    }
}
