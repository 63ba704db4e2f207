package ssechat.rooms.entity;

import jakarta.json.bind.annotation.JsonbPropertyOrder;

/**
 * The last event of a stream the server closes on purpose: {@code reason} logout, kicked, banned or
 * shutdown; {@code until} (ISO-8601) when a ban runs out, else null.
 */
@JsonbPropertyOrder({"room", "reason", "until"})
public record Ended(String room, String reason, String until) {
}
