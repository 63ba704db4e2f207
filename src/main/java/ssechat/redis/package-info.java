/**
 * Redis infrastructure: the client, the endpoint (standalone, Sentinel or Cluster), Lua scripts, the key layout
 * and the pub/sub bridge, which subscribes the channels of the rooms this node serves ({@code RoomSubscriptions};
 * on a Cluster sharded, on each room's owner shard: {@code ShardedSubscriber}) and fires what arrives on a
 * channel as a CDI event. Knows no feature; may use config.
 */
package ssechat.redis;
