/**
 * Metrics: this node's figures (counters, latency, streams, Redis, heap) for the admin console, the MXBean and
 * Prometheus, and their exchange between nodes through Redis. Reads stream counts through
 * {@code LocalStreams}, which the rooms feature provides. May use redis, http and config.
 */
package ssechat.metrics;
