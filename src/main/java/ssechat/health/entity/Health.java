package ssechat.health.entity;

import jakarta.json.bind.annotation.JsonbPropertyOrder;

/** {@code GET /api/health}: the contract's fields, plus this node's open streams and rooms. */
@JsonbPropertyOrder({"status", "redis", "node", "streams", "rooms"})
public record Health(String status, String redis, String node, int streams, int rooms) {
}
