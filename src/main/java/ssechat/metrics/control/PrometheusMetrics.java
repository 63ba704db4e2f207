package ssechat.metrics.control;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.function.ToDoubleFunction;
import ssechat.config.ChatConfig;
import ssechat.metrics.entity.NodeStats;

/**
 * This node's figures as Micrometer meters in Prometheus's text format, all read from the sampler's
 * latest snapshot, so that they agree with the admin console and the MXBean. Every series carries
 * a {@code node} label. Rates are left to PromQL ({@code rate(ssechat_messages_published_total[1m])}).
 */
@ApplicationScoped
public class PrometheusMetrics {

    @EJB
    NodeSampler sampler;
    @Inject
    ChatConfig config;

    private PrometheusMeterRegistry registry;
    private MultiGauge roomStreams;

    @PostConstruct
    void register() {
        registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry.config().commonTags("node", config.nodeId());
        counter("ssechat.messages.published", "Messages this node accepted", s -> s.messages().published());
        counter("ssechat.messages.delivered", "Message events this node wrote to streams", s -> s.messages().delivered());
        counter("ssechat.streams.dropped", "Streams closed because their client stopped reading", NodeStats::droppedStreams);
        gauge("ssechat.streams.open", null, "Open event streams", s -> s.streams().total());
        gauge("ssechat.users.online", null, "Signed-in users with a stream on this node", NodeStats::onlineUsers);
        gauge("ssechat.redis.up", null, "1 when Redis answers a PING", s -> "UP".equals(s.redis().state()) ? 1 : 0);
        gauge("ssechat.redis.ping", "seconds", "Round trip of a Redis PING",
                s -> s.redis().roundTripMillis() == null ? Double.NaN : s.redis().roundTripMillis() / 1000);
        counter("ssechat.redis.pubsub.messages.received", "Pub/sub messages this node received from Redis",
                s -> s.redis().messagesReceived());
        gauge("ssechat.redis.pubsub.rooms", null, "Room channels this node is subscribed to", s -> s.redis().subscribedRooms());
        gauge("ssechat.heap.used", "bytes", "JVM heap in use", s -> s.heap().usedBytes());
        gauge("ssechat.heap.max", "bytes", "Most the JVM heap may grow to", s -> s.heap().maxBytes());
        gauge("ssechat.uptime", "seconds", "Time since the JVM started", NodeStats::uptimeSeconds);
        latency("0.5", s -> s.latencyMillis().p50());
        latency("0.9", s -> s.latencyMillis().p90());
        latency("0.99", s -> s.latencyMillis().p99());
        roomStreams = MultiGauge.builder("ssechat.room.streams.open").description("Open event streams per room")
                .register(registry);
        rooms(sampler.latest());
    }

    @PreDestroy
    void close() {
        registry.close();
    }

    public String scrape() {
        return registry.scrape();
    }

    void rooms(@Observes NodeStats sampled) {
        roomStreams.register(sampled.streams().byRoom().entrySet().stream()
                .map(room -> MultiGauge.Row.of(Tags.of("room", room.getKey()), room.getValue()))
                .toList(), true);
    }

    private NodeStats latest() {
        return sampler.latest();
    }

    private void counter(String name, String description, ToDoubleFunction<NodeStats> value) {
        FunctionCounter.builder(name, this, metrics -> value.applyAsDouble(metrics.latest()))
                .description(description).register(registry);
    }

    private void gauge(String name, String unit, String description, ToDoubleFunction<NodeStats> value) {
        Gauge.builder(name, this, metrics -> value.applyAsDouble(metrics.latest()))
                .baseUnit(unit).description(description).strongReference(true).register(registry);
    }

    private void latency(String quantile, ToDoubleFunction<NodeStats> millis) {
        Gauge.builder("ssechat.delivery.latency", this, metrics -> millis.applyAsDouble(metrics.latest()) / 1000)
                .baseUnit("seconds").tag("quantile", quantile).strongReference(true)
                .description("Delivery latency percentile since start, from a message's id time to its write to a stream")
                .register(registry);
    }
}
