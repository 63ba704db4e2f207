package ssechat.sessions.entity;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.ws.rs.core.Response.Status;
import ssechat.http.ApiException;

/** {@code 403 {"error":"banned","message","until"}}: the name, or one that looks the same, is banned. */
public class NameBanned extends ApiException {

    private final String until;

    public NameBanned(String until) {
        super(Status.FORBIDDEN, "banned", "This name, or one that looks like it, is banned until " + until);
        this.until = until;
    }

    @Override
    public Object body() {
        return new Body(code(), getMessage(), until);
    }

    @JsonbPropertyOrder({"error", "message", "until"})
    public record Body(String error, String message, String until) {
    }
}
