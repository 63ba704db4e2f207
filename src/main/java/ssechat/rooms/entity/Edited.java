package ssechat.rooms.entity;

import java.util.Optional;

/** The outcome of an edit: how it went and, when done, the message as history now returns it. */
public record Edited(Change change, Optional<StoredMessage> message) {
}
