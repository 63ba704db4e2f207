/**
 * Admin: the operator's API and console back end (cluster stats, Prometheus metrics, moderation), behind
 * the {@code AdminOnly} filter. May use rooms, sessions, metrics, redis, http and config.
 */
package ssechat.admin;
