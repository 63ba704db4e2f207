package ssechat.http;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

@Provider
public class ApiExceptionMapper implements ExceptionMapper<ApiException> {

    @Override
    public Response toResponse(ApiException e) {
        Response.ResponseBuilder response = Response.status(e.status().getStatusCode(), e.status().getReasonPhrase())
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(e.body());
        if (e.retryAfter() != null) {
            response.header("Retry-After", e.retryAfter().toSeconds());
        }
        return response.build();
    }
}
