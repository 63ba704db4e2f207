/**
 * Access: whether a write may go ahead (the session still holds its name, rate limits per user and per
 * client address, across nodes) and which address a request really comes from. May use sessions' entities,
 * redis, http and config.
 */
package ssechat.access;
