package ssechat.rooms.control;

import jakarta.ws.rs.sse.SseBroadcaster;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import ssechat.rooms.entity.MessageId;
import ssechat.rooms.entity.RoomEvent;

/**
 * A room as this node serves it: the broadcaster, the streams registered with it, and the newest
 * message delivered, so that a message is broadcast once and in id order even when the bridge
 * fills a gap from history while live messages arrive.
 */
public final class RoomChannel {

    private final String room;
    private final SseBroadcaster broadcaster;
    private final Set<RoomStream> streams = ConcurrentHashMap.newKeySet();
    private final String openedAfter;
    private String lastDelivered;
    private boolean closed;
    private volatile long lastSentNanos = System.nanoTime();

    /** {@code openedAfter}: the newest message id when the channel opened, null for an empty room. */
    public RoomChannel(String room, String openedAfter) {
        this.room = room;
        this.broadcaster = new RoomBroadcaster();
        this.openedAfter = openedAfter;
    }

    public String room() { return room; }
    public Set<RoomStream> streams() { return streams; }

    /** What registering a stream tells: whether the channel took it, and the newest message id it will not be sent (null: none). */
    public record Registration(boolean registered, String lastId) {
    }

    /** Registers a stream, unless the channel has closed (its last stream ended meanwhile). */
    public synchronized Registration add(RoomStream stream) {
        if (closed) {
            return new Registration(false, null);
        }
        streams.add(stream);
        broadcaster.register(stream);
        return new Registration(true, resumeAfter());
    }

    /** Removes a stream; when it was the last, the channel takes no stream any more: true then. */
    public synchronized boolean remove(RoomStream stream) {
        if (streams.remove(stream) && streams.isEmpty()) {
            closed = true;
            return true;
        }
        return false;
    }

    /** Broadcasts the event, unless it is a message this channel delivered or had in history when it opened. */
    public synchronized void deliver(RoomEvent event) {
        if (event.id() != null) {
            String after = resumeAfter();
            if (after != null && MessageId.compare(event.id(), after) <= 0) {
                return;
            }
            lastDelivered = event.id();
        }
        broadcaster.broadcast(SseEvents.of(event));
        lastSentNanos = System.nanoTime();
    }

    /** The id after which messages may have been missed while Redis was unreachable. */
    public synchronized String resumeAfter() {
        return lastDelivered != null ? lastDelivered : openedAfter;
    }

    public void pingIfQuiet(Duration heartbeat) {
        if (System.nanoTime() - lastSentNanos >= heartbeat.toNanos()) {
            lastSentNanos = System.nanoTime();
            broadcaster.broadcast(SseEvents.ping());
        }
    }

    public void close() {
        broadcaster.close();
    }
}
