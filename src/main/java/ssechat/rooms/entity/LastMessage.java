package ssechat.rooms.entity;

import jakarta.json.bind.annotation.JsonbPropertyOrder;

/** A room's newest message in the room directory: its id and when it was posted (epoch ms). */
@JsonbPropertyOrder({"id", "ts"})
public record LastMessage(String id, long ts) {
}
