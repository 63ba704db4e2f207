package ssechat.redis.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.RedisProtocol;

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

    @Test
    void clusterNodesMakeAClusterEndpointWithTheUrlsCredentialsAndTls() {
        RedisEndpoint endpoint = RedisEndpoint.parse("rediss://app:pw@ignored:6379", List.of(), "m", List.of("10.0.0.1:7000", "10.0.0.2:7001"), 1000);
        assertTrue(endpoint.usesCluster());
        assertEquals(List.of(new HostAndPort("10.0.0.1", 7000), new HostAndPort("10.0.0.2", 7001)), List.copyOf(endpoint.clusterNodes()),
                "the seeds in the order given");
        assertEquals("app", endpoint.clientConfig().getUser());
        assertEquals("pw", endpoint.clientConfig().getPassword());
        assertTrue(endpoint.clientConfig().isSsl());
        assertEquals(RedisProtocol.RESP2, endpoint.clientConfig().getRedisProtocol());
        assertFalse(RedisEndpoint.parse("redis://127.0.0.1:6379", List.of(), "m", 1000).usesCluster());
    }
}
