/**
 * Presence: who is online in which room, counted per stream, per user and per node in Redis, with the
 * grace period and the reaping of dead nodes; announces {@code join} and {@code leave}. May use redis,
 * http and config.
 */
package ssechat.presence;
