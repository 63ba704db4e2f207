package ssechat.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class MaskedUrlTest {

    @Test
    void credentialsAreMaskedAndTheRestIsKept() {
        assertEquals("redis://127.0.0.1:6379", MaskedUrl.of("redis://127.0.0.1:6379"));
        assertEquals("redis://***@redis.example:6379/2", MaskedUrl.of("redis://:s3cret@redis.example:6379/2"));
        assertEquals("rediss://chat:***@redis.example:6380", MaskedUrl.of("rediss://chat:s3cret@redis.example:6380"));
        assertEquals("redis://***@host:1", MaskedUrl.of("redis://s3cret@host:1"));
    }

    @Test
    void aPasswordWithUnescapedSpecialCharactersIsMaskedWhole() {
        assertEquals("redis://u:***@host:6379", MaskedUrl.of("redis://u:p@ss/w:rd@host:6379"));
        assertEquals("***@host", MaskedUrl.of("not a url:p@ss@host"));
    }
}
