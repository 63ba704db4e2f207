package ssechat.admin.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationException;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStoreHandler;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import ssechat.admin.entity.BasicCredentials;
import ssechat.http.ApiError;
import ssechat.http.Json;

/**
 * HTTP Basic for the resources web.xml protects ({@code /api/admin/*}), checked against the
 * identity stores on every request (no session). Unlike the built-in Basic mechanism it answers in
 * the contract's JSON: 401 with a challenge, or 404 when no admin password is configured. Requests
 * to unprotected resources pass untouched, whatever Authorization header they carry.
 * <p>
 * Browsers show their own login dialog on a Basic challenge, even to fetch(); the admin page marks
 * its requests with {@code X-Requested-With: XMLHttpRequest} and gets a challenge of another scheme.
 */
@ApplicationScoped
public class AdminAuthentication implements HttpAuthenticationMechanism {

    private static final String REALM = " realm=\"sse-chat admin\", charset=\"UTF-8\"";

    @Inject
    IdentityStoreHandler identityStores;
    @Inject
    AdminIdentityStore admins;

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
                                                HttpMessageContext context) throws AuthenticationException {
        if (!context.isProtected()) {
            return context.doNothing();
        }
        if (!admins.enabled()) {
            return refuse(response, HttpServletResponse.SC_NOT_FOUND,
                    new ApiError("admin_off", "The admin console is off on this server: no CHAT_ADMIN_PASSWORD is configured"));
        }
        Optional<BasicCredentials> basic = BasicCredentials.parse(request.getHeader("Authorization"));
        if (basic.isPresent()) {
            CredentialValidationResult result = identityStores.validate(
                    new UsernamePasswordCredential(basic.get().user(), basic.get().password()));
            if (result.getStatus() == CredentialValidationResult.Status.VALID) {
                return context.notifyContainerAboutLogin(result);
            }
        }
        boolean fromPage = "XMLHttpRequest".equalsIgnoreCase(request.getHeader("X-Requested-With"));
        response.setHeader("WWW-Authenticate", (fromPage ? "AdminPage" : "Basic") + REALM);
        return refuse(response, HttpServletResponse.SC_UNAUTHORIZED, basic.isPresent()
                ? new ApiError("unauthorized", "Wrong admin user name or password")
                : new ApiError("unauthorized", "This needs the admin's user name and password (HTTP Basic)"));
    }

    private static AuthenticationStatus refuse(HttpServletResponse response, int status, ApiError error)
            throws AuthenticationException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-store");
        try {
            response.getWriter().write(Json.write(error));
            response.flushBuffer(); // commits the JSON: WildFly would otherwise replace it with its error page
        } catch (IOException e) {
            throw new AuthenticationException(e);
        }
        return AuthenticationStatus.SEND_FAILURE;
    }
}
