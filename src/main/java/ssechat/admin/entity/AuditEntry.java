package ssechat.admin.entity;

import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.json.bind.annotation.JsonbPropertyOrder;

/**
 * One moderation action: {@code action} delete, kick, ban or unban, by {@code admin}, at {@code ts}
 * (epoch ms); {@code room} null for bans; {@code target} the message id or the user name;
 * {@code detail} what else there is to know (a ban's length and reason). The null room is written out.
 */
@JsonbNillable
@JsonbPropertyOrder({"id", "ts", "admin", "action", "room", "target", "detail"})
public record AuditEntry(String id, long ts, String admin, String action, String room, String target, String detail) {
}
