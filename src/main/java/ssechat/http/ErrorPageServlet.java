package ssechat.http;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The answer to every error the container answers itself (WEB-INF/web.xml names it the default
 * error page): the contract's JSON under {@code /api/}, a one-line text elsewhere. Never the
 * server's HTML page, which names the server and its version.
 */
@WebServlet(ErrorPageServlet.PATH)
public class ErrorPageServlet extends HttpServlet {

    static final String PATH = "/error";

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer number ? number : HttpServletResponse.SC_NOT_FOUND;
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        String path = uri instanceof String text ? text : request.getRequestURI();
        Response.Status known = Response.Status.fromStatusCode(status);
        String reason = known == null ? "Error" : known.getReasonPhrase();
        response.setStatus(status);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        if (path.startsWith(request.getContextPath() + "/api/")) {
            response.setContentType("application/json");
            ApiError error = status == HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE
                    ? new ApiError("too_large", "The body is larger than 16 KiB")
                    : ApiError.forStatus(status, reason);
            response.getWriter().write(Json.write(error));
        } else {
            response.setContentType("text/plain");
            response.getWriter().write(status + " " + reason + "\n");
        }
    }
}
