package ssechat.rooms.entity;

import jakarta.json.bind.annotation.JsonbPropertyOrder;

/** The data of a {@code delete} event: which message of which room is gone. */
@JsonbPropertyOrder({"room", "id"})
public record Deleted(String room, String id) {
}
