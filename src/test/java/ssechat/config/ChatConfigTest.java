package ssechat.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
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
