package ssechat.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The admin console's settings: off without a password (no built-in one), on with a long enough one. */
class AdminConfigTest {

    @Test
    void adminConsoleIsOffWithoutAPassword() {
        ChatConfig config = config("admin", Optional.empty());
        config.validate();
        assertEquals(Optional.empty(), config.adminPassword());
        assertEquals(Optional.empty(), config("admin", Optional.of("")).adminPassword());
    }

    @Test
    void refusesAShortPasswordOrAUserWithAColon() {
        assertThrows(IllegalStateException.class, config("admin", Optional.of("short"))::validate);
        assertThrows(IllegalStateException.class, config("ad:min", Optional.of("long-enough-password"))::validate);
    }

    @Test
    void acceptsALongPassword() {
        ChatConfig config = config("ops", Optional.of("long-enough-password"));
        config.validate();
        assertEquals("ops", config.adminUser());
        assertEquals(Optional.of("long-enough-password"), config.adminPassword());
    }

    private static ChatConfig config(String user, Optional<String> password) {
        ChatConfig config = new ChatConfig();
        config.secret = Optional.of("s".repeat(32));
        config.nodeId = Optional.of("n1");
        config.redisUrl = "redis://127.0.0.1:6379";
        config.trustedProxies = Optional.empty();
        config.adminUser = user;
        config.adminPassword = password;
        return config;
    }
}
