package ssechat.admin.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.XAddParams;
import redis.clients.jedis.resps.StreamEntry;
import ssechat.admin.entity.AuditEntry;
import ssechat.redis.control.Keys;

/** The moderation log: a Redis stream shared by every node, holding the newest {@link #MAX_ENTRIES} actions. */
@ApplicationScoped
public class AuditLog {

    public static final String DELETE = "delete";
    public static final String KICK = "kick";
    public static final String BAN = "ban";
    public static final String UNBAN = "unban";
    static final long MAX_ENTRIES = 10_000;

    @Inject
    UnifiedJedis redis;

    /** {@code room}: null when the action is not about one room. */
    public void record(String admin, String action, String room, String target, String detail) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("admin", admin);
        fields.put("action", action);
        fields.put("room", room == null ? "" : room);
        fields.put("target", target);
        fields.put("detail", detail);
        redis.xadd(Keys.AUDIT, XAddParams.xAddParams().maxLen(MAX_ENTRIES), fields);
    }

    /** Up to {@code count} entries, newest first, older than {@code before} when given. */
    public List<AuditEntry> page(int count, Optional<String> before) {
        String end = before.map(id -> "(" + id).orElse("+");
        return redis.xrevrange(Keys.AUDIT, end, "-", count).stream().map(AuditLog::entry).toList();
    }

    private static AuditEntry entry(StreamEntry entry) {
        Map<String, String> fields = entry.getFields();
        String room = fields.getOrDefault("room", "");
        return new AuditEntry(entry.getID().toString(), entry.getID().getTime(), fields.get("admin"), fields.get("action"),
                room.isEmpty() ? null : room, fields.get("target"), fields.getOrDefault("detail", ""));
    }
}
