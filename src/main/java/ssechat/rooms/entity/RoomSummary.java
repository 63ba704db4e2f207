package ssechat.rooms.entity;

import jakarta.json.bind.annotation.JsonbPropertyOrder;

/** One room of the directory: how many are online in it and its newest message, null when history is empty. */
@JsonbPropertyOrder({"room", "online", "lastMessage"})
public record RoomSummary(String room, long online, LastMessage lastMessage) {
}
