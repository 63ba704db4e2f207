package ssechat.admin.control;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.util.Optional;
import ssechat.http.ClientAddress;
import ssechat.admin.entity.BasicCredentials;
import ssechat.http.ApiError;

/**
 * HTTP Basic for the {@link AdminOnly} resources ({@code /api/admin/...}), checked against the
 * configured admin on every request (no session). Refusals are the contract's JSON: 401 with a
 * challenge, or 404 when no admin password is configured.
 * <p>
 * A JAX-RS filter bound to those resources rather than a Jakarta Security mechanism: the
 * container runs such a mechanism on every request of the application, admin or not, and on
 * Payara that cost about 15% of a chat POST's CPU.
 * <p>
 * Browsers show their own login dialog on a Basic challenge, even to fetch(); the admin page marks
 * its requests with {@code X-Requested-With: XMLHttpRequest} and gets a challenge of another scheme.
 * <p>
 * Failed sign-ins are throttled per client address and per user name ({@link LoginThrottle}):
 * while a wait is on, every try gets 429 with {@code Retry-After}, whatever the password.
 */
@Provider
@AdminOnly
@Priority(Priorities.AUTHENTICATION)
@ApplicationScoped
public class AdminGuard implements ContainerRequestFilter {

    private static final String REALM = " realm=\"sse-chat admin\", charset=\"UTF-8\"";

    @Inject
    AdminAccount admin;
    @Inject
    LoginThrottle throttle;
    @Inject
    ClientAddress clientAddress;
    @Inject
    HttpServletRequest servletRequest;

    @Override
    public void filter(ContainerRequestContext request) {
        if (!admin.enabled()) {
            request.abortWith(refusal(Response.Status.NOT_FOUND,
                    new ApiError("admin_off", "The admin console is off on this server: no CHAT_ADMIN_PASSWORD is configured")).build());
            return;
        }
        Optional<BasicCredentials> basic = BasicCredentials.parse(request.getHeaderString(HttpHeaders.AUTHORIZATION));
        if (basic.isPresent() && signInOrThrottle(request, basic.get())) {
            return;
        }
        boolean fromPage = "XMLHttpRequest".equalsIgnoreCase(request.getHeaderString("X-Requested-With"));
        ApiError error = basic.isPresent()
                ? new ApiError("unauthorized", "Wrong admin user name or password")
                : new ApiError("unauthorized", "This needs the admin's user name and password (HTTP Basic)");
        request.abortWith(refusal(Response.Status.UNAUTHORIZED, error)
                .header(HttpHeaders.WWW_AUTHENTICATE, (fromPage ? "AdminPage" : "Basic") + REALM).build());
    }

    /** True when the request goes on as the admin's or was refused as throttled; false on wrong credentials (counted). */
    private boolean signInOrThrottle(ContainerRequestContext request, BasicCredentials given) {
        String address = clientAddress.of(servletRequest);
        LoginThrottle.Verdict verdict = throttle.check(address, given.user());
        if (verdict.blocked()) {
            long seconds = Math.max(1, (verdict.retryAfter().toMillis() + 999) / 1000);
            request.abortWith(refusal(Response.Status.TOO_MANY_REQUESTS, new ApiError("login_throttled",
                    "Too many failed sign-ins: try again in " + seconds + " s")).header(HttpHeaders.RETRY_AFTER, seconds).build());
            return true;
        }
        if (!admin.matches(given)) {
            throttle.failed(address, given.user());
            return false;
        }
        if (verdict.failuresCounted()) {
            throttle.succeeded(address, given.user());
        }
        request.setSecurityContext(new AdminCaller(given.user(), request.getSecurityContext().isSecure()));
        return true;
    }

    private static Response.ResponseBuilder refusal(Response.Status status, ApiError error) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).header("Cache-Control", "no-store").entity(error);
    }
}
