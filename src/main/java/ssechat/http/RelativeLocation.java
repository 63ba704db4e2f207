package ssechat.http;

import jakarta.servlet.http.HttpServletRequest;

/**
 * A {@code Location} that is a relative reference, resolved by the client against the URL it
 * asked: never built from the request's {@code Host} header, which the client chooses. Set it as a
 * header string: JAX-RS {@code Response.location(URI)} makes a relative URI absolute against a base
 * that comes from that header.
 */
public final class RelativeLocation {

    private RelativeLocation() {
    }

    /**
     * {@code child} below the collection the request addressed, whose last path segment is
     * {@code collection}: {@code messages/<id>} after {@code .../messages}, {@code <id>} after
     * {@code .../messages/}.
     */
    public static String below(HttpServletRequest request, String collection, String child) {
        return request.getRequestURI().endsWith("/") ? child : collection + "/" + child;
    }
}
