package ssechat.redis.control;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class RedisEndpointTest {

    @Test
    void anInvalidUrlIsRefusedWithoutShowingItsPassword() {
        for (String url : List.of("redis://:S3cret Pa55@redis.example:6379",
                "redis://:S3cret^Pa55@redis example:6379", "redis://:S3cret-Pa55@")) {
            IllegalStateException refused = assertThrows(IllegalStateException.class, () -> RedisEndpoint.parse(url, List.of(), "m", 1000));
            assertFalse(refused.getMessage().contains("S3cret"), refused.getMessage());
            assertTrue(refused.getMessage().contains("REDIS_URL"), refused.getMessage());
            assertNull(refused.getCause(), "a cause could quote the URL");
        }
    }
}
