package ssechat.redis.control;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.concurrent.atomic.LongAdder;
import ssechat.config.ChatConfig;
import ssechat.redis.entity.ChannelMessage;
import ssechat.redis.entity.Resubscribed;

/**
 * Bridges Redis pub/sub into CDI events: every message on the control channel and on the channels
 * of the rooms this node serves ({@link RoomSubscriptions}), published by any node, arrives here
 * once and is fired as a {@link ChannelMessage}, in publication order, on one container thread (on a
 * Redis Cluster, one per shard: {@link ShardedSubscriber}); the rooms feature reads it. When a
 * subscription drops it reconnects with backoff and fires {@link Resubscribed} for the rooms it carried
 * so that their gap is filled from history.
 * Concurrency: bean-managed; the subscriptions and the counter are thread-safe.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class RedisBridge {

    @Resource
    ManagedThreadFactory threads;
    @Resource
    ManagedScheduledExecutorService scheduler;
    @Inject
    RedisEndpoint endpoint;
    @Inject
    ChatConfig config;
    @Inject
    Event<ChannelMessage> messages;
    @Inject
    Event<Resubscribed> resubscribed;

    private final LongAdder received = new LongAdder();
    private RoomSubscriptions subscriptions;

    @PostConstruct
    void start() {
        subscriptions = new RoomSubscriptions(this::subscriber, new Events(), scheduler, config.unsubscribeLinger(),
                Duration.ofMillis(config.redisTimeoutMillis()));
        subscriptions.start();
    }

    /** Classic pub/sub on one Redis; on a cluster, sharded pub/sub per shard beside the classic control channel. */
    private Subscriber subscriber(Subscriber.Listener listener) {
        Subscriber classic = new ChannelSubscriber(endpoint, threads, scheduler, config.redisProbe(), listener);
        if (!endpoint.usesCluster()) {
            return classic;
        }
        return new ShardedSubscriber(endpoint, classic, (primary, shardListener) -> ChannelSubscriber.sharded(primary,
                endpoint.clientConfig(), threads, scheduler, config.redisProbe(), shardListener), scheduler, listener);
    }

    @PreDestroy
    void stop() {
        subscriptions.stop();
    }

    public boolean isSubscribed() {
        return subscriptions.isSubscribed();
    }

    /** The rooms feature's handle on which room channels this node subscribes to. */
    public RoomSubscriptions subscriptions() {
        return subscriptions;
    }

    /** Pub/sub messages this node received since it started, on every channel. */
    public long messagesReceived() {
        return received.sum();
    }

    /** Fires what the subscriber hears as CDI events, on its thread. */
    private final class Events implements Subscriber.Listener {

        @Override
        public void connected(Set<String> channels, int failedAttempts) {
            Set<String> rooms = channels.stream().map(Keys::roomOfChannel).flatMap(Optional::stream).collect(Collectors.toSet());
            resubscribed.fire(new Resubscribed(failedAttempts, rooms));
        }

        @Override
        public void message(String channel, String payload) {
            received.increment();
            messages.fire(new ChannelMessage(channel, payload));
        }
    }
}
