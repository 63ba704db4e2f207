/**
 * Sessions: who you are. Claims a name in Redis for a session and signs tokens that any node can check;
 * ends a session on logout. May use access, redis, http and config.
 */
package ssechat.sessions;
