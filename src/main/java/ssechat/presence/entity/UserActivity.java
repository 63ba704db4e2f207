package ssechat.presence.entity;

import jakarta.json.bind.annotation.JsonbPropertyOrder;

/** The data of a {@code join}, {@code leave} or {@code typing} event: who did it, where, when (epoch ms). */
@JsonbPropertyOrder({"room", "user", "ts"})
public record UserActivity(String room, String user, long ts) {

    public static UserActivity now(String room, String user) {
        return new UserActivity(room, user, System.currentTimeMillis());
    }
}
