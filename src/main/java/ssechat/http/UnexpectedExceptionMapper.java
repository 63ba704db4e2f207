package ssechat.http;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.logging.Level;
import java.util.logging.Logger;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Last resort: Redis that cannot serve is a 503 the client may retry; anything else is a fault of
 * this server, a 500, logged without letting a repeated request fill the log ({@link FailureLog}).
 */
@Provider
public class UnexpectedExceptionMapper implements ExceptionMapper<Exception> {

    private static final Logger LOG = Logger.getLogger(UnexpectedExceptionMapper.class.getName());
    private static final FailureLog FAILURES = new FailureLog(LOG);

    @Override
    public Response toResponse(Exception e) {
        Throwable cause = rootOf(e);
        if (cause instanceof ApiException api) {
            return new ApiExceptionMapper().toResponse(api);
        }
        if (RedisOutage.is(cause)) {
            LOG.log(Level.WARNING, "Redis cannot serve: {0}", cause.toString());
            return error(Response.Status.SERVICE_UNAVAILABLE, "unavailable", "The chat store is unavailable, try again shortly");
        }
        FAILURES.failed("Unexpected failure", e, cause);
        return error(Response.Status.INTERNAL_SERVER_ERROR, "internal_error", "Something went wrong on the server");
    }

    private static Throwable rootOf(Throwable e) {
        Throwable current = e;
        while (current.getCause() != null && !(current instanceof ApiException) && !(current instanceof JedisException)) {
            current = current.getCause();
        }
        return current;
    }

    private static Response error(Response.Status status, String code, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(new ApiError(code, message)).build();
    }
}
