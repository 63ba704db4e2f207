package ssechat.rooms.control;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.ws.rs.sse.SseEventSink;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import redis.clients.jedis.exceptions.JedisException;
import ssechat.config.ChatConfig;
import ssechat.http.ApiException;
import ssechat.http.SseFrame;
import ssechat.metrics.control.ChatMetrics;
import ssechat.metrics.control.LocalStreams;
import ssechat.presence.control.Presence;
import ssechat.presence.control.OnlineUsers;
import ssechat.presence.entity.RoomUser;
import ssechat.redis.control.RedisBridge;
import ssechat.redis.control.RoomSubscriptions;
import ssechat.redis.entity.Resubscribed;
import ssechat.rooms.entity.Disconnect;
import ssechat.rooms.entity.Ended;
import ssechat.rooms.entity.MessageId;
import ssechat.rooms.entity.Reset;
import ssechat.rooms.entity.RoomEvent;
import ssechat.rooms.entity.Welcome;

/**
 * The streams open on this node, by room: one {@link RoomChannel} per room with at least one
 * stream. It opens a stream (presence, welcome, replay, then live), delivers the room events that
 * Redis brings, pings quiet rooms, closes the streams a disconnect order covers, and counts what
 * is open for health and metrics.
 * Concurrency: channels live in a concurrent map, updated with atomic compute calls. An application
 * scoped bean rather than an EJB: a stream opens without a pass through the EJB container.
 */
@ApplicationScoped
public class RoomRegistry implements LocalStreams {

    private static final Logger LOG = Logger.getLogger(RoomRegistry.class.getName());
    private static final long FAREWELL_MILLIS = 2000;

    @EJB
    HistoryStore history;
    @EJB
    Presence presence;
    @Inject
    OnlineUsers online;
    @EJB
    RedisBridge bridge;
    @Inject
    ChatConfig config;
    @Inject
    ChatMetrics metrics;
    @Resource
    ManagedThreadFactory threads;
    @Resource
    ManagedScheduledExecutorService scheduler;

    private final Map<String, RoomChannel> channels = new ConcurrentHashMap<>();
    private Executor writers;
    private volatile RoomSubscriptions subscriptions;
    private ScheduledFuture<?> heartbeat;

    public RoomRegistry() {
    }

    /** Outside a container: {@code writers} write to the streams; there is no heartbeat. */
    RoomRegistry(HistoryStore history, ChatMetrics metrics, Executor writers, RoomSubscriptions subscriptions) {
        this.history = history;
        this.metrics = metrics;
        this.writers = writers;
        this.subscriptions = subscriptions;
    }

    @PostConstruct
    void start() {
        writers = new StreamWriters(threads);
        heartbeat = scheduler.scheduleAtFixedRate(this::heartbeat, 1, 1, TimeUnit.SECONDS);
        Runtime.getRuntime().addShutdownHook(farewellOnExit);
    }

    /**
     * Ends every stream with {@code ended} {@code shutdown} so that clients reconnect to another
     * node at once; presence keeps them for the grace period.
     */
    @PreDestroy
    void closeAll() {
        if (heartbeat != null) {
            heartbeat.cancel(false);
        }
        try {
            Runtime.getRuntime().removeShutdownHook(farewellOnExit);
        } catch (IllegalStateException e) {
            // the JVM is exiting: the hook runs or has run
        }
        sayFarewell();
        awaitFarewells();
        channels.values().forEach(RoomChannel::close);
        if (writers instanceof StreamWriters pool) {
            pool.shutdown();
        }
    }

    /**
     * On SIGTERM the server closes its connections while it stops the application: on Payara
     * Micro (NodeStopIT) the farewells of {@link #closeAll} never reached a client, and some runs
     * found no stream left to end. So they also go out from a JVM shutdown hook, which runs beside
     * the server's own; {@link #closeAll} covers an undeploy without an exit.
     */
    private final Thread farewellOnExit = new Thread(() -> {
        sayFarewell();
        awaitFarewells();
    }, "sse-chat farewell");

    private volatile boolean stopping;

    /**
     * Ends every stream with ended shutdown, written at once on this thread where nothing else is
     * being written. From then on the node refuses new streams with 503, so that Nginx sends the
     * clients on to another node while this one waits out the server's shutdown grace period
     * ({@code --shutdowngrace}: Payara stops nothing before it runs out).
     */
    private void sayFarewell() {
        stopping = true;
        channels.values().forEach(channel -> {
            SseFrame farewell = SseEvents.ended(new Ended(channel.room(), Disconnect.SHUTDOWN, null));
            channel.streams().forEach(stream -> stream.endNow(RoomStream.Ending.SILENT, farewell));
        });
    }

    /** Gives the writers up to {@link #FAREWELL_MILLIS} to send the farewells before they stop. */
    private void awaitFarewells() {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(FAREWELL_MILLIS);
        while (!channels.isEmpty() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /**
     * Opens a stream on {@code sink}: counts the user in, registers the stream, sends the welcome,
     * replays what came after {@code resumeAfter} (null: nothing) and goes live. A Redis failure
     * before the welcome answers 503 before any byte is sent; any later failure closes the stream.
     * {@code onEnd} runs once when the stream ends, however it ends, even before it was registered.
     */
    public void open(SseEventSink sink, String room, String user, String resumeAfter, Runnable onEnd) {
        if (stopping) {
            onEnd.run();
            throw ApiException.unavailable("This node is stopping: connect again");
        }
        RoomStream stream = newStream(sink, room, user, onEnd);
        Welcome welcome;
        try {
            welcome = welcome(stream);
        } catch (RuntimeException e) {
            onEnd.run();
            throw e;
        }
        try {
            stream.sendNow(SseEvents.welcome(welcome));
            if (resumeAfter != null) {
                replay(stream, resumeAfter);
            }
            stream.goLive();
        } catch (IllegalStateException e) {
            LOG.log(Level.FINE, "A client left while its stream was opening", e);
            stream.close();
        } catch (JedisException e) {
            LOG.log(Level.WARNING, "Could not replay history to a stream, Redis failed; the client will reconnect: {0}", e.toString());
            stream.close();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Could not open a stream; the client will reconnect", e);
            stream.close();
        }
    }

    /**
     * Delivers to the room's channel. A channel being made has read the room's newest id but is not
     * in the map yet: computeIfPresent waits for it (get would not), so that a message published
     * after that read is not dropped.
     */
    public void deliver(@Observes @Published RoomEvent event) {
        RoomChannel channel = channels.computeIfPresent(event.room(), (room, current) -> current);
        if (channel != null) {
            channel.deliver(event);
        }
    }

    /** Delivers, per room subscribed again, whatever was published while this node was not subscribed to it. */
    public void fillGap(@Observes Resubscribed resubscribed) {
        for (RoomChannel channel : channels.values()) {
            if (!resubscribed.rooms().contains(channel.room())) {
                continue;
            }
            history.forEachPageAfter(channel.room(), channel.resumeAfter(), page -> page.forEach(
                    message -> channel.deliver(new RoomEvent(channel.room(), "message", message.id(), message.json()))));
        }
    }

    /** Ends the streams the order covers, each with an {@code ended} event, encoded once per room. */
    public void disconnect(@Observes @Published Disconnect order) {
        channels.values().forEach(channel -> {
            List<RoomStream> covered = channel.streams().stream().filter(stream -> order.covers(stream.room(), stream.user())).toList();
            if (!covered.isEmpty()) {
                SseFrame farewell = SseEvents.ended(order.ended(channel.room()));
                covered.forEach(stream -> stream.end(RoomStream.Ending.IMMEDIATE, farewell));
            }
        });
    }

    public boolean isStopping() {
        return stopping;
    }

    public int openStreams() {
        return channels.values().stream().mapToInt(channel -> channel.streams().size()).sum();
    }

    public int openRooms() {
        return channels.size();
    }

    @Override
    public Map<String, Integer> streamsByRoom() {
        Map<String, Integer> byRoom = new TreeMap<>();
        channels.forEach((room, channel) -> byRoom.put(room, channel.streams().size()));
        return byRoom;
    }

    @Override
    public long onlineUsers() {
        return channels.values().stream().flatMap(channel -> channel.streams().stream())
                .map(RoomStream::user).filter(Objects::nonNull).distinct().count();
    }

    /** A stream that, once it ends, leaves this registry (and presence) by itself, then runs {@code onEnd}. */
    RoomStream newStream(SseEventSink sink, String room, String user, Runnable onEnd) {
        return new RoomStream(sink, room, user, metrics, writers, stream -> {
            ended(stream);
            onEnd.run();
        });
    }

    /**
     * Registers the stream with its room's channel and returns the newest message id it will not
     * get live. The room's Redis channel is subscribed first (counted per stream), so that whatever
     * is published after that id reaches this node. Only the first stream of a room on this node
     * reads that id from history; the others take it from the channel, in step with its deliveries.
     * Locks: the map's lock for a room is never held while waiting for a channel's lock (a channel
     * holds its own while it delivers, and a stream that ends then takes the map's), so a channel
     * is made inside the map's lock and joined outside it. A channel whose last stream ended
     * meanwhile refuses the stream until it is out of the map.
     */
    String attach(RoomStream stream) {
        subscriptions().want(stream.room());
        try {
            while (true) {
                RoomChannel channel = channels.computeIfAbsent(stream.room(), this::roomOpened);
                RoomChannel.Registration registration = channel.add(stream);
                if (registration.registered()) {
                    return registration.lastId();
                }
                Thread.onSpinWait(); // the stream that closed it is taking it out of the map
            }
        } catch (RuntimeException e) {
            subscriptions().release(stream.room());
            throw e;
        }
    }

    /**
     * Asked of the bridge on first use, not at construction: the bridge's subscriber thread may be
     * what makes this bean (its first event), and on WildFly a call into a session bean waits until
     * every startup bean is up, while a startup bean (NodeSampler) waits for this one.
     */
    private RoomSubscriptions subscriptions() {
        RoomSubscriptions current = subscriptions;
        if (current == null) {
            current = bridge.subscriptions();
            subscriptions = current;
        }
        return current;
    }

    /** The room's first stream on this node is being registered (inside the map's lock for the room). */
    private RoomChannel roomOpened(String room) {
        return new RoomChannel(room, history.lastId(room).orElse(null));
    }

    /** The room's last stream on this node has ended, and its channel has closed (inside the map's lock for the room). */
    private void roomClosed(RoomChannel channel) {
        channel.close();
    }

    private void ended(RoomStream stream) {
        RoomChannel channel = channels.get(stream.room());
        if (channel != null && channel.streams().contains(stream)) {
            if (channel.remove(stream)) {
                channels.computeIfPresent(stream.room(), (room, current) -> {
                    if (current != channel) {
                        return current;
                    }
                    roomClosed(channel);
                    return null;
                });
            }
            subscriptions().release(stream.room());
        }
        if (stream.user() != null && stream.ending() != RoomStream.Ending.SILENT) {
            presence.leave(new RoomUser(stream.room(), stream.user()), stream.ending() == RoomStream.Ending.IMMEDIATE);
        }
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
            List<String> users = online.in(stream.room());
            return new Welcome(stream.room(), stream.user(), config.nodeId(), users, attach(stream));
        } catch (RuntimeException e) {
            if (who != null) {
                presence.leave(who, true);
            }
            throw e;
        }
    }

    /** Sends what history holds after {@code resumeAfter}, with a reset first when that may not be everything. */
    private void replay(RoomStream stream, String resumeAfter) {
        String after = resumeAfter;
        if (!MessageId.isValid(resumeAfter) || MessageId.isLast(resumeAfter)) {
            stream.sendNow(SseEvents.reset(new Reset(stream.room(), "invalid_id")));
            after = null;
        } else if (history.find(stream.room(), resumeAfter).isEmpty()) {
            stream.sendNow(SseEvents.reset(new Reset(stream.room(), "unknown_id")));
        }
        history.forEachPageAfter(stream.room(), after, page -> stream.sendNow(page.stream().map(SseEvents::message).toList()));
    }
}
