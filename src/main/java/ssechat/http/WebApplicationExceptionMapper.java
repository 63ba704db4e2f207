package ssechat.http;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** Turns JAX-RS's own errors (404, 405, 406, 415, ...) into the contract's JSON errors. */
@Provider
public class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {

    @Override
    public Response toResponse(WebApplicationException e) {
        Response original = e.getResponse();
        Response.StatusType status = original.getStatusInfo();
        Response.ResponseBuilder response = Response.status(status.getStatusCode())
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(ApiError.forStatus(status.getStatusCode(), status.getReasonPhrase()));
        original.getHeaders().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("Content-Type")) {
                values.forEach(value -> response.header(name, value));
            }
        });
        return response.build();
    }
}
