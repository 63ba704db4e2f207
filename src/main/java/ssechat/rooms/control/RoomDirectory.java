package ssechat.rooms.control;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.resps.Tuple;
import ssechat.redis.control.Keys;
import ssechat.redis.control.LuaScript;
import ssechat.rooms.entity.LastMessage;
import ssechat.rooms.entity.MessageId;
import ssechat.rooms.entity.RoomSummary;

/**
 * The rooms in use, most recently active first: posts and joins score a sorted set of room names
 * (the directory), and each room's online count and newest message are read in its own slot
 * (room-summary.lua). A room that has neither is taken off the directory here, unless it became
 * active meanwhile (forget-room.lua).
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class RoomDirectory {

    private static final LuaScript SUMMARY = LuaScript.load(RoomDirectory.class, "room-summary.lua");
    private static final LuaScript FORGET = LuaScript.load(RoomDirectory.class, "forget-room.lua");
    private static final int BATCH = 100;

    @Inject
    UnifiedJedis redis;

    public List<RoomSummary> rooms(int count) {
        List<RoomSummary> rooms = new ArrayList<>();
        long position = 0;
        while (rooms.size() < count) {
            List<Tuple> batch = redis.zrevrangeWithScores(Keys.ROOMS, position, position + BATCH - 1);
            for (Tuple room : batch) {
                if (rooms.size() < count) {
                    Optional<RoomSummary> summary = summary(room);
                    summary.ifPresent(rooms::add);
                    // a room taken off moves the rooms after it up by one: the position stays
                    position += summary.isPresent() || !forget(room) ? 1 : 0;
                }
            }
            if (batch.size() < BATCH) {
                break;
            }
        }
        return rooms;
    }

    private Optional<RoomSummary> summary(Tuple room) {
        List<?> reply = (List<?>) SUMMARY.run(redis, List.of(Keys.online(room.getElement()), Keys.history(room.getElement())), List.of());
        long online = (Long) reply.get(0);
        String newest = (String) reply.get(1);
        if (online == 0 && newest.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new RoomSummary(room.getElement(), online, newest.isEmpty() ? null : new LastMessage(newest, MessageId.millis(newest))));
    }

    private boolean forget(Tuple room) {
        return Long.valueOf(1).equals(FORGET.run(redis, List.of(Keys.ROOMS), List.of(room.getElement(), String.valueOf((long) room.getScore()))));
    }
}
