package ssechat.admin.control;

import jakarta.ws.rs.core.SecurityContext;
import java.security.Principal;

/** Who passed {@link AdminGuard}: the admin, under the user name they gave. */
record AdminCaller(String user, boolean secure) implements SecurityContext {

    static final String ROLE = "admin";

    @Override
    public Principal getUserPrincipal() {
        return () -> user;
    }

    @Override
    public boolean isUserInRole(String role) {
        return ROLE.equals(role);
    }

    @Override
    public boolean isSecure() {
        return secure;
    }

    @Override
    public String getAuthenticationScheme() {
        return BASIC_AUTH;
    }
}
