package ssechat.metrics.entity;

import jakarta.json.bind.annotation.JsonbPropertyOrder;

/** Messages a node accepted (published) and message events it wrote to streams (delivered). */
@JsonbPropertyOrder({"published", "delivered", "publishedPerSecond", "deliveredPerSecond"})
public record Messages(long published, long delivered, double publishedPerSecond, double deliveredPerSecond) {
}
