package ssechat.sessions.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import ssechat.http.ApiException;
import ssechat.sessions.entity.Session;

/** Reads who is asking from a bearer header or a stream's token parameter. */
@ApplicationScoped
public class Authenticator {

    private static final String BEARER = "Bearer ";

    @Inject
    TokenSigner signer;

    public Session fromHeader(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            throw ApiException.unauthorized("Send Authorization: Bearer <token> from POST /api/sessions");
        }
        return fromToken(authorization.substring(BEARER.length()).trim());
    }

    public Session fromToken(String token) {
        return signer.verify(token).orElseThrow(() -> ApiException.unauthorized("The token is invalid or has expired"));
    }
}
