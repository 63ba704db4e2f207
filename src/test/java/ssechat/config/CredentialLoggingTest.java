package ssechat.config;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import org.junit.jupiter.api.Test;

class CredentialLoggingTest {

    @Test
    void theRedisPasswordIsNotLoggedAtStartup() {
        ChatConfig config = new ChatConfig();
        config.secret = Optional.of("x".repeat(32));
        config.nodeId = Optional.of("n1");
        config.redisUrl = "redis://chat:S3cret-Pa55@redis.example:6379/1";
        config.trustedProxies = Optional.empty();
        config.redisSentinels = Optional.empty();
        config.adminUser = "admin";
        config.adminPassword = Optional.empty();
        String logged = String.join("\n", logDuring(config::validate));
        assertTrue(logged.contains("redis.example:6379"), logged);
        assertFalse(logged.contains("S3cret-Pa55"), logged);
    }

    private static List<String> logDuring(Runnable action) {
        Logger logger = Logger.getLogger(ChatConfig.class.getName());
        List<String> lines = new ArrayList<>();
        SimpleFormatter format = new SimpleFormatter();
        Handler handler = new Handler() {
            @Override public void publish(LogRecord record) { lines.add(format.format(record)); }
            @Override public void flush() { }
            @Override public void close() { }
        };
        logger.addHandler(handler);
        try {
            action.run();
        } finally {
            logger.removeHandler(handler);
        }
        return lines;
    }
}
