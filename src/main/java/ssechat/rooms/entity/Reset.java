package ssechat.rooms.entity;

import jakarta.json.bind.annotation.JsonbPropertyOrder;

/** Tells a resuming client that history may not hold everything after its last id: reload it. */
@JsonbPropertyOrder({"room", "reason"})
public record Reset(String room, String reason) {
}
