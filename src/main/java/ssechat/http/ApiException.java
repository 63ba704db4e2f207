package ssechat.http;

import jakarta.ejb.ApplicationException;
import jakarta.ws.rs.core.Response.Status;
import java.time.Duration;

/** A request that cannot be served, with the status and error code the contract gives it. */
@ApplicationException
public class ApiException extends RuntimeException {

    private final Status status;
    private final String code;
    private final Duration retryAfter;

    public ApiException(Status status, String code, String message) {
        this(status, code, message, null);
    }

    private ApiException(Status status, String code, String message, Duration retryAfter) {
        super(message);
        this.status = status;
        this.code = code;
        this.retryAfter = retryAfter;
    }

    public static ApiException badRequest(String code, String message) {
        return new ApiException(Status.BAD_REQUEST, code, message);
    }

    public static ApiException unauthorized(String message) {
        return new ApiException(Status.UNAUTHORIZED, "unauthorized", message);
    }

    public static ApiException tooManyRequests(Duration retryAfter) {
        long seconds = Math.max(1, (retryAfter.toMillis() + 999) / 1000);
        return new ApiException(Status.TOO_MANY_REQUESTS, "rate_limited",
                "Too many requests: try again in " + seconds + " s", Duration.ofSeconds(seconds));
    }

    /** Over a cap on open streams; {@code retryAfter} in whole seconds. */
    public static ApiException tooManyStreams(String message, Duration retryAfter) {
        return new ApiException(Status.TOO_MANY_REQUESTS, "too_many_streams", message,
                Duration.ofSeconds(Math.max(1, retryAfter.toSeconds())));
    }

    public static ApiException unavailable(String message) {
        return new ApiException(Status.SERVICE_UNAVAILABLE, "unavailable", message);
    }

    /** The JSON body of the answer: {@link ApiError}, unless a refusal tells more. */
    public Object body() {
        return new ApiError(code, getMessage());
    }

    public Status status() { return status; }
    public String code() { return code; }
    public Duration retryAfter() { return retryAfter; }
}
