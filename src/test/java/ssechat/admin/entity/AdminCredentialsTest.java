package ssechat.admin.entity;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AdminCredentialsTest {

    private final AdminCredentials admin = new AdminCredentials("root", "correct horse battery");

    @Test
    void acceptsTheConfiguredPair() {
        assertTrue(admin.matches("root", "correct horse battery"));
    }

    @Test
    void refusesAnyOtherPair() {
        assertFalse(admin.matches("root", "correct horse batter"));
        assertFalse(admin.matches("root", "correct horse battery "));
        assertFalse(admin.matches("Root", "correct horse battery"));
        assertFalse(admin.matches("", ""));
    }
}
