package ssechat.rooms.boundary;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.sse.SseEventSink;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import ssechat.config.ChatConfig;
import ssechat.http.ApiException;
import ssechat.metrics.control.ChatMetrics;
import ssechat.metrics.control.LocalStreams;
import ssechat.presence.control.Presence;
import ssechat.presence.control.PresenceStore;
import ssechat.presence.entity.RoomUser;
import ssechat.redis.entity.Resubscribed;
import ssechat.rooms.control.HistoryStore;
import ssechat.rooms.control.Published;
import ssechat.rooms.control.RoomChannel;
import ssechat.rooms.control.RoomStream;
import ssechat.rooms.control.SseEvents;
import ssechat.rooms.control.StreamWriters;
import ssechat.rooms.entity.Disconnect;
import ssechat.rooms.entity.MessageId;
import ssechat.rooms.entity.Reset;
import ssechat.rooms.entity.RoomEvent;
import ssechat.rooms.entity.RoomName;
import ssechat.rooms.entity.Welcome;
import ssechat.sessions.control.Authenticator;
import ssechat.sessions.control.SessionStore;
import ssechat.sessions.entity.Session;

/**
 * {@code GET /api/rooms/{room}/events}: one broadcaster per room on this node, one registered
 * stream per connection. Events from Redis arrive through {@link #deliver}; streams resuming with
 * {@code Last-Event-ID} get the missed messages from history first.
 * Concurrency: channels live in a concurrent map, updated with atomic compute calls. An application
 * scoped bean rather than an EJB: a stream opens without a pass through the EJB container.
 */
@ApplicationScoped
@Path("rooms/{room}/events")
public class RoomEventsResource implements LocalStreams {

    public static final String EVENT_STREAM = "text/event-stream;charset=UTF-8";
    private static final Logger LOG = Logger.getLogger(RoomEventsResource.class.getName());

    @EJB
    HistoryStore history;
    @EJB
    Presence presence;
    @EJB
    PresenceStore presenceStore;
    @Inject
    Authenticator authenticator;
    @EJB
    SessionStore sessions;
    @Inject
    ChatConfig config;
    @Inject
    ChatMetrics metrics;
    @Resource
    ManagedThreadFactory threads;
    @Resource
    ManagedScheduledExecutorService scheduler;

    private final Map<String, RoomChannel> channels = new ConcurrentHashMap<>();
    private StreamWriters writers;
    private ScheduledFuture<?> heartbeat;

    @PostConstruct
    void start() {
        writers = new StreamWriters(threads);
        heartbeat = scheduler.scheduleAtFixedRate(this::heartbeat, 1, 1, TimeUnit.SECONDS);
    }

    @GET
    @Produces(EVENT_STREAM)
    public void open(@PathParam("room") String room, @QueryParam("token") String token,
                     @HeaderParam(HttpHeaders.LAST_EVENT_ID_HEADER) String lastEventIdHeader,
                     @QueryParam("lastEventId") String lastEventIdParam, @Context SseEventSink sink) {
        RoomName.require(room);
        String user = token == null ? null : liveSession(token).name();
        String resumeAfter = lastEventIdHeader != null ? lastEventIdHeader : lastEventIdParam;
        RoomStream stream = new RoomStream(sink, room, user, metrics, writers, this::ended);
        Welcome welcome = welcome(stream);
        try {
            stream.sendNow(SseEvents.welcome(welcome));
            if (resumeAfter != null) {
                replay(stream, resumeAfter);
            }
            stream.goLive();
        } catch (IllegalStateException e) {
            LOG.log(Level.FINE, "A client left while its stream was opening", e);
            stream.close();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Could not open a stream; the client will reconnect", e);
            stream.close();
        }
    }

    public void deliver(@Observes @Published RoomEvent event) {
        RoomChannel channel = channels.get(event.room());
        if (channel != null) {
            channel.deliver(event);
        }
    }

    /** Delivers, per room, whatever was published while this node was not subscribed. */
    public void fillGap(@Observes Resubscribed resubscribed) {
        for (RoomChannel channel : channels.values()) {
            history.forEachPageAfter(channel.room(), channel.resumeAfter(), page -> page.forEach(
                    message -> channel.deliver(new RoomEvent(channel.room(), "message", message.id(), message.json()))));
        }
    }

    public void disconnect(@Observes @Published Disconnect order) {
        channels.values().forEach(channel -> channel.streams().stream()
                .filter(stream -> order.covers(stream.room(), stream.user()))
                .forEach(stream -> stream.end(RoomStream.Ending.IMMEDIATE)));
    }

    /** Closes every stream so that clients reconnect to another node at once; presence keeps them for the grace period. */
    @PreDestroy
    void closeAll() {
        heartbeat.cancel(false);
        channels.values().forEach(channel -> {
            channel.streams().forEach(stream -> stream.end(RoomStream.Ending.SILENT));
            channel.close();
        });
        writers.shutdown();
    }

    public int openStreams() {
        return channels.values().stream().mapToInt(channel -> channel.streams().size()).sum();
    }

    public int openRooms() {
        return channels.size();
    }

    @Override
    public Map<String, Integer> streamsByRoom() {
        Map<String, Integer> byRoom = new java.util.TreeMap<>();
        channels.forEach((room, channel) -> byRoom.put(room, channel.streams().size()));
        return byRoom;
    }

    @Override
    public long onlineUsers() {
        return channels.values().stream().flatMap(channel -> channel.streams().stream())
                .map(RoomStream::user).filter(java.util.Objects::nonNull).distinct().count();
    }

    private Session liveSession(String token) {
        Session session = authenticator.fromToken(token);
        if (!sessions.isLive(session)) {
            throw ApiException.unauthorized("This session has ended: create a new one");
        }
        return session;
    }

    private void heartbeat() {
        channels.values().forEach(channel -> channel.pingIfQuiet(config.heartbeat()));
    }

    /**
     * Counts the user in, registers the stream and tells what the welcome says; a Redis failure
     * here answers 503 before any byte is sent.
     */
    private Welcome welcome(RoomStream stream) {
        RoomUser who = stream.user() == null ? null : new RoomUser(stream.room(), stream.user());
        if (who != null) {
            presence.join(who);
        }
        try {
            List<String> online = presenceStore.online(stream.room());
            return new Welcome(stream.room(), stream.user(), config.nodeId(), online, attach(stream));
        } catch (RuntimeException e) {
            if (who != null) {
                presence.leave(who, true);
            }
            throw e;
        }
    }

    /**
     * Registers the stream with its room's channel and returns the newest message id it will not
     * get live. Only the first stream of a room on this node reads that from history (inside the
     * map's lock for the room, so the channel is never seen half-made); the others take it from the
     * channel, in step with its deliveries.
     */
    private String attach(RoomStream stream) {
        String[] lastId = new String[1];
        channels.compute(stream.room(), (room, existing) -> {
            RoomChannel channel = existing != null ? existing : new RoomChannel(room, history.lastId(room).orElse(null));
            lastId[0] = channel.add(stream);
            return channel;
        });
        return lastId[0];
    }

    private void ended(RoomStream stream) {
        channels.computeIfPresent(stream.room(), (room, channel) -> {
            if (channel.remove(stream)) {
                channel.close();
                return null;
            }
            return channel;
        });
        if (stream.user() != null && stream.ending() != RoomStream.Ending.SILENT) {
            presence.leave(new RoomUser(stream.room(), stream.user()), stream.ending() == RoomStream.Ending.IMMEDIATE);
        }
    }

    /** Sends what history holds after {@code resumeAfter}, with a reset first when that may not be everything. */
    private void replay(RoomStream stream, String resumeAfter) {
        String after = resumeAfter;
        if (!MessageId.isValid(resumeAfter)) {
            stream.sendNow(SseEvents.reset(new Reset(stream.room(), "invalid_id")));
            after = null;
        } else if (history.find(stream.room(), resumeAfter).isEmpty()) {
            stream.sendNow(SseEvents.reset(new Reset(stream.room(), "unknown_id")));
        }
        history.forEachPageAfter(stream.room(), after, page -> stream.sendNow(page.stream().map(SseEvents::message).toList()));
    }

}
