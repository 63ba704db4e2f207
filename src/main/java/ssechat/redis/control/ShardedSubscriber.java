package ssechat.redis.control;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.logging.Level;
import java.util.logging.Logger;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.resps.ClusterShardInfo;
import redis.clients.jedis.resps.ClusterShardNodeInfo;
import redis.clients.jedis.util.JedisClusterCRC16;

/**
 * The pub/sub of a node on a Redis Cluster: each room channel is {@code SSUBSCRIBE}d on the primary
 * that owns its slot, on one connection per shard (a {@link ChannelSubscriber} each), so that a shard
 * carries only its own rooms' messages. The control channel stays classic pub/sub on one node, which
 * the cluster bus broadcasts to every node.
 * <p>
 * A topology change shows as a shard's connection dropping (failover), {@code MOVED} (which drops it
 * too) or Redis ending a channel's subscription (a slot migrated): the slot map is then read again
 * ({@code CLUSTER SHARDS}), every channel whose owner changed is subscribed on its new owner, and once
 * that is confirmed the listener hears it as {@link Listener#connected} for that channel alone, so
 * that only its room's gap is filled from history. The map is read again until every shard holding
 * channels is subscribed.
 * <p>
 * Concurrency: the routes are guarded by this object's monitor; no listener is called and no Redis is
 * asked under it (the listener's own lock is taken the other way round).
 */
public final class ShardedSubscriber implements Subscriber {

    private static final Logger LOG = Logger.getLogger(ShardedSubscriber.class.getName());
    private static final int SLOTS = 16384;
    private static final Duration REFRESH_PAUSE = Duration.ofMillis(250);

    private final RedisEndpoint endpoint;
    private final Subscriber control;
    private final BiFunction<HostAndPort, Listener, Subscriber> shardSubscribers;
    private final ScheduledExecutorService scheduler;
    private final Listener listener;
    /** Guarded by this: the owner of each slot as last read, each room channel's shard (null until routed), the shards' subscribers. */
    private HostAndPort[] owners;
    private final Map<String, HostAndPort> routes = new HashMap<>();
    private final Map<HostAndPort, Subscriber> shards = new HashMap<>();
    /** Guarded by this: channels moved to another shard and not yet confirmed there. */
    private final Set<String> moved = new HashSet<>();
    private boolean refreshing;
    private volatile boolean running = true;

    /**
     * @param control the classic subscriber of the control channel
     * @param shardSubscribers makes the sharded subscriber of one primary, reporting to the given listener
     */
    public ShardedSubscriber(RedisEndpoint endpoint, Subscriber control, BiFunction<HostAndPort, Listener, Subscriber> shardSubscribers,
                             ScheduledExecutorService scheduler, Listener listener) {
        this.endpoint = endpoint;
        this.control = control;
        this.shardSubscribers = shardSubscribers;
        this.scheduler = scheduler;
        this.listener = listener;
    }

    @Override
    public void start() {
        control.start();
        refresh();
    }

    @Override
    public void stop() {
        running = false;
        List<Subscriber> all;
        synchronized (this) {
            all = new ArrayList<>(shards.values());
            shards.clear();
        }
        all.forEach(Subscriber::stop);
        control.stop();
    }

    @Override
    public void subscribe(String channel) {
        if (channel.equals(Keys.CONTROL_CHANNEL)) {
            control.subscribe(channel);
            return;
        }
        synchronized (this) {
            HostAndPort owner = owners == null ? null : owners[JedisClusterCRC16.getSlot(channel)];
            routes.put(channel, owner);
            if (owner != null) {
                shard(owner).subscribe(channel);
            }
        }
    }

    @Override
    public void unsubscribe(String channel) {
        if (channel.equals(Keys.CONTROL_CHANNEL)) {
            control.unsubscribe(channel);
            return;
        }
        synchronized (this) {
            HostAndPort owner = routes.remove(channel);
            moved.remove(channel);
            if (owner != null) {
                shards.get(owner).unsubscribe(channel);
            }
        }
    }

    /** The control channel's subscription: a shard being failed over stops its rooms only, not the node. */
    @Override
    public boolean isSubscribed() {
        return control.isSubscribed();
    }

    /** Under this object's monitor. */
    private Subscriber shard(HostAndPort primary) {
        return shards.computeIfAbsent(primary, address -> {
            Subscriber subscriber = shardSubscribers.apply(address, new ShardListener(address));
            subscriber.start();
            return subscriber;
        });
    }

    /** Reads the slot map and routes every channel to its owner; again after a pause while a shard holding channels is not subscribed. */
    private void refresh() {
        if (!running) {
            return;
        }
        HostAndPort[] read;
        try {
            read = readOwners();
        } catch (JedisException e) {
            LOG.log(Level.FINE, "Could not read the cluster's slot map; trying again", e);
            read = null;
        }
        Set<String> lost = new HashSet<>();
        List<Subscriber> idle = new ArrayList<>();
        boolean again;
        synchronized (this) {
            refreshing = false;
            if (read != null) {
                owners = read;
                reroute(lost, idle);
            }
            again = read == null || shards.values().stream().anyMatch(shard -> !shard.isSubscribed() && holdsChannels(shard));
        }
        if (!lost.isEmpty()) {
            listener.lost(lost);
        }
        idle.forEach(Subscriber::stop);
        if (again) {
            refreshSoon();
        }
    }

    /** Under this object's monitor: moves channels to their slots' owners; collects the channels moved and the shards left without a slot. */
    private void reroute(Set<String> lost, List<Subscriber> idle) {
        Set<HostAndPort> primaries = new HashSet<>(List.of(owners));
        routes.entrySet().forEach(route -> {
            String channel = route.getKey();
            HostAndPort owner = owners[JedisClusterCRC16.getSlot(channel)];
            if (!owner.equals(route.getValue())) {
                if (route.getValue() != null) {
                    shards.get(route.getValue()).unsubscribe(channel);
                    LOG.log(Level.INFO, "Room channel {0} moved from {1} to {2}; subscribing there", new Object[] {channel, route.getValue(), owner});
                }
                route.setValue(owner);
                moved.add(channel);
                lost.add(channel);
                shard(owner).subscribe(channel);
            }
        });
        shards.entrySet().removeIf(shard -> {
            boolean gone = !primaries.contains(shard.getKey()) && !holdsChannels(shard.getValue());
            if (gone) {
                idle.add(shard.getValue());
            }
            return gone;
        });
    }

    private boolean holdsChannels(Subscriber shard) {
        return routes.values().stream().anyMatch(owner -> owner != null && shards.get(owner) == shard);
    }

    private synchronized void refreshSoon() {
        if (refreshing || !running) {
            return;
        }
        refreshing = true;
        try {
            scheduler.schedule(this::refresh, REFRESH_PAUSE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) { // the application is stopping
            refreshing = false;
        }
    }

    /**
     * The primary owning each slot, from the first node that answers: the primaries this node is subscribed
     * to first (a slot's old owner knows where it went as soon as it gave it up; a seed may learn it later),
     * then the seeds, then the other primaries known.
     */
    private HostAndPort[] readOwners() {
        Set<HostAndPort> candidates = new LinkedHashSet<>();
        synchronized (this) {
            shards.forEach((address, shard) -> {
                if (shard.isSubscribed()) {
                    candidates.add(address);
                }
            });
            candidates.addAll(endpoint.clusterNodes());
            if (owners != null) {
                candidates.addAll(List.of(owners));
            }
        }
        JedisException last = new JedisException("No Redis Cluster node given");
        for (HostAndPort node : candidates) {
            try (Jedis jedis = new Jedis(node, endpoint.clientConfig())) {
                return owners(jedis.clusterShards(), node);
            } catch (JedisException e) {
                last = e;
            }
        }
        throw last;
    }

    /** {@code asked} stands for a node whose address is not known yet (a node that has met no other has no IP of its own). */
    private HostAndPort[] owners(List<ClusterShardInfo> clusterShards, HostAndPort asked) {
        HostAndPort[] read = new HostAndPort[SLOTS];
        for (ClusterShardInfo shard : clusterShards) {
            shard.getNodes().stream().filter(node -> "master".equals(node.getRole()) && "online".equals(node.getHealth())).findFirst()
                    .ifPresent(primary -> shard.getSlots().forEach(range -> {
                        for (long slot = range.get(0); slot <= range.get(1); slot++) {
                            read[(int) slot] = address(primary, asked);
                        }
                    }));
        }
        for (int slot = 0; slot < SLOTS; slot++) {
            if (read[slot] == null) {
                throw new JedisException("The cluster has no live primary for slot " + slot + " yet");
            }
        }
        return read;
    }

    private HostAndPort address(ClusterShardNodeInfo node, HostAndPort asked) {
        Long port = endpoint.clientConfig().isSsl() && node.getTlsPort() != null ? node.getTlsPort() : node.getPort();
        return new HostAndPort(node.getIp() == null || node.getIp().isEmpty() ? asked.getHost() : node.getIp(), port.intValue());
    }

    /** Hears one shard's subscriber: passes on what is current, and starts a refresh when the shard fails or drops a channel. */
    private final class ShardListener implements Listener {

        private final HostAndPort primary;

        ShardListener(HostAndPort primary) {
            this.primary = primary;
        }

        @Override
        public void connected(Set<String> channels, int failedAttempts) {
            synchronized (ShardedSubscriber.this) {
                moved.removeAll(channels);
            }
            listener.connected(channels, failedAttempts);
        }

        @Override
        public void active(String channel) {
            boolean arrived;
            synchronized (ShardedSubscriber.this) {
                arrived = primary.equals(routes.get(channel)) && moved.remove(channel);
            }
            listener.active(channel);
            if (arrived) {
                listener.connected(Set.of(channel), 1);
            }
        }

        @Override
        public void message(String channel, String payload) {
            listener.message(channel, payload);
        }

        @Override
        public void lost(Set<String> channels) {
            if (running && !channels.isEmpty()) {
                LOG.log(Level.WARNING, "Lost the sharded subscription on {0}; reading the slot map again", primary);
                listener.lost(channels);
                refreshSoon();
            }
        }

        @Override
        public void dropped(String channel) {
            Set<String> lost = Set.of();
            synchronized (ShardedSubscriber.this) {
                if (primary.equals(routes.get(channel))) {
                    shards.get(primary).unsubscribe(channel);
                    routes.put(channel, null);
                    lost = Set.of(channel);
                }
            }
            if (!lost.isEmpty()) {
                LOG.log(Level.INFO, "Redis ended the subscription of {0} on {1} (slot moved); reading the slot map again",
                        new Object[] {channel, primary});
                listener.lost(lost);
                refreshSoon();
            }
        }
    }

}
