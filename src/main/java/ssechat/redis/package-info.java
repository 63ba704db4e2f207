/**
 * Redis infrastructure: the client, the endpoint (standalone or Sentinel), Lua scripts, the key layout and
 * the pub/sub bridge, which subscribes the channels of the rooms this node serves ({@code RoomSubscriptions})
 * and fires what arrives on a channel as a CDI event. Knows no feature; may use config.
 */
package ssechat.redis;
