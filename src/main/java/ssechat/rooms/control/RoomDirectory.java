package ssechat.rooms.control;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import redis.clients.jedis.UnifiedJedis;
import ssechat.redis.control.Keys;
import ssechat.redis.control.LuaScript;
import ssechat.rooms.entity.LastMessage;
import ssechat.rooms.entity.MessageId;
import ssechat.rooms.entity.RoomSummary;

/**
 * The rooms in use, most recently active first, read in one round trip: posts and joins score a
 * sorted set of room names (post.lua, presence's join.lua), and directory.lua reads it with each
 * room's online count and newest message, dropping rooms that have neither.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class RoomDirectory {

    private static final LuaScript DIRECTORY = LuaScript.load(RoomDirectory.class, "directory.lua");

    @Inject
    UnifiedJedis redis;

    public List<RoomSummary> rooms(int count) {
        List<?> flat = (List<?>) DIRECTORY.run(redis, List.of(Keys.ROOMS),
                List.of(String.valueOf(count), Keys.history(""), Keys.online("")));
        List<RoomSummary> rooms = new ArrayList<>(flat.size() / 3);
        for (int i = 0; i < flat.size(); i += 3) {
            String newest = (String) flat.get(i + 2);
            rooms.add(new RoomSummary((String) flat.get(i), (Long) flat.get(i + 1),
                    newest.isEmpty() ? null : new LastMessage(newest, MessageId.millis(newest))));
        }
        return rooms;
    }
}
