package ssechat.sessions.entity;

import jakarta.json.bind.annotation.JsonbPropertyOrder;

/** A ban on a name (and every name that looks the same) until {@code until} (ISO-8601), set by {@code admin}. */
@JsonbPropertyOrder({"name", "until", "reason", "admin"})
public record Ban(String name, String until, String reason, String admin) {

    /** The answer to a session asked for a banned name: 403 with when the ban runs out. */
    public NameBanned refusal() {
        return new NameBanned(until);
    }
}
