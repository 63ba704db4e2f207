package ssechat.rooms.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Optional;
import ssechat.redis.control.Keys;
import ssechat.redis.entity.ChannelMessage;
import ssechat.rooms.entity.Disconnect;
import ssechat.rooms.entity.RoomEvent;

/**
 * Reads what the Redis bridge received: a room channel's payload becomes a {@code @Published RoomEvent},
 * the control channel's a {@code @Published Disconnect}. A payload that cannot be read throws, and the
 * bridge logs and skips it.
 */
@ApplicationScoped
public class RoomEventRelay {

    @Inject
    @Published
    Event<RoomEvent> roomEvents;
    @Inject
    @Published
    Event<Disconnect> disconnects;

    void relay(@Observes ChannelMessage message) {
        String channel = message.channel();
        Optional<String> room = Keys.roomOfChannel(channel);
        if (room.isPresent()) {
            roomEvents.fire(RoomEvent.parse(room.get(), message.payload()));
        } else if (channel.equals(Keys.CONTROL_CHANNEL)) {
            disconnects.fire(Disconnect.parse(message.payload()));
        }
    }
}
