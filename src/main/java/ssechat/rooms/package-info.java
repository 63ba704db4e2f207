/**
 * Rooms: the event stream of a room (one broadcaster per room on this node, one registered stream per
 * connection, replay after {@code Last-Event-ID}), posting and reading messages, typing, who is online.
 * Owns history (a Redis Stream per room) and delivery. May use sessions, presence, metrics, redis, http
 * and config; nothing below it uses rooms.
 */
package ssechat.rooms;
