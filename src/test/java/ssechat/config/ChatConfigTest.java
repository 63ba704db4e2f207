package ssechat.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import org.junit.jupiter.api.Test;

class ChatConfigTest {

    @Test
    void refusesToStartWithoutASecretOutsideDevelopmentMode() {
        ChatConfig config = config(Optional.empty(), false);
        IllegalStateException failure = assertThrows(IllegalStateException.class, config::validate);
        assertTrue(failure.getMessage().contains("CHAT_SECRET is not set"), failure.getMessage());
    }

    @Test
    void refusesAShortSecret() {
        assertThrows(IllegalStateException.class, config(Optional.of("short"), true)::validate);
    }

    @Test
    void developmentModeMakesARandomSecret() {
        ChatConfig config = config(Optional.empty(), true);
        config.validate();
        ChatConfig another = config(Optional.empty(), true);
        another.validate();
        assertTrue(config.secret().length >= 32);
        assertFalse(Arrays.equals(config.secret(), another.secret()), "each development run has a secret of its own");
    }

    @Test
    void trustedProxiesAreACommaSeparatedList() {
        ChatConfig config = config(Optional.of("x".repeat(32)), false);
        config.trustedProxies = Optional.of(" 127.0.0.1, ::1 ,,");
        config.validate();
        assertEquals(List.of("127.0.0.1", "::1"), config.trustedProxies());
    }

    @Test
    void theRedisPasswordIsNotLoggedAtStartup() {
        ChatConfig config = config(Optional.of("x".repeat(32)), false);
        config.redisUrl = "redis://chat:S3cret-Pa55@redis.example:6379/1";
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

    private static ChatConfig config(Optional<String> secret, boolean devMode) {
        ChatConfig config = new ChatConfig();
        config.secret = secret;
        config.devMode = devMode;
        config.nodeId = Optional.of("n1");
        config.redisUrl = "redis://127.0.0.1:6379";
        config.trustedProxies = Optional.empty();
        config.redisSentinels = Optional.empty();
        config.adminUser = "admin";
        config.adminPassword = Optional.empty();
        return config;
    }
}
