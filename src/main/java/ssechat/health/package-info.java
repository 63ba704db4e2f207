/**
 * Health: {@code GET /api/health} for load balancers and orchestrators. May use the features it reports on,
 * redis and config.
 */
package ssechat.health;
