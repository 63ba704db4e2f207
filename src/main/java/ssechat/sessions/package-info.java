/**
 * Sessions: who you are and whether you may write now. Claims a name in Redis for a session, signs
 * tokens that any node can check, ends a session on logout (a {@code SessionEnded} event), and admits
 * writes in one round trip (the session may act, rate limits per user and per client address, across
 * nodes). May use redis, http and config.
 */
package ssechat.sessions;
