package ssechat.sessions.boundary;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import ssechat.sessions.control.Bucket;
import ssechat.sessions.control.WriteGuard;
import ssechat.http.JsonBody;
import ssechat.http.RelativeLocation;
import ssechat.sessions.control.Authenticator;
import ssechat.sessions.control.SessionStore;
import ssechat.sessions.control.TokenSigner;
import ssechat.sessions.entity.Session;
import ssechat.sessions.entity.SessionCreated;
import ssechat.sessions.entity.UserName;

/** {@code POST /api/sessions} claims a name; {@code DELETE /api/sessions/current} gives it back. */
@ApplicationScoped
@Path("sessions")
@Produces(MediaType.APPLICATION_JSON)
public class SessionsResource {

    @EJB
    SessionStore sessions;
    @Inject
    TokenSigner signer;
    @Inject
    Authenticator authenticator;
    @Inject
    WriteGuard guard;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(InputStream body, @Context HttpServletRequest request) {
        String name = UserName.require(JsonBody.read(body).string("name"));
        guard.admitAnonymous(request, Bucket.SESSIONS);
        Session session = sessions.open(name);
        return Response.status(Response.Status.CREATED)
                .header(HttpHeaders.LOCATION, RelativeLocation.below(request, "sessions", "current"))
                .entity(new SessionCreated(session.name(), signer.sign(session), session.expiresAt().toString()))
                .build();
    }

    /**
     * Ends the session the token was issued for: the token is refused from now on, and every stream
     * of the user closes with a leave. A token whose session has ended already gets 401.
     */
    @DELETE
    @Path("current")
    public Response close(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        Session session = authenticator.fromHeader(authorization);
        sessions.close(session);
        return Response.noContent().build();
    }
}
