package ssechat.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.ejb.EJBException;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;

class UnexpectedExceptionMapperTest {

    private final UnexpectedExceptionMapper mapper = new UnexpectedExceptionMapper();

    @Test
    void onlyARedisThatCannotServeIs503() {
        assertEquals(503, status(new JedisConnectionException("Connection refused")));
        assertEquals(503, status(new JedisException("Could not get a resource from the pool", new NoSuchElementException())));
        assertEquals(503, status(new JedisDataException("LOADING Redis is loading the dataset in memory")));
        assertEquals(503, status(new JedisDataException("READONLY You can't write against a read only replica.")));
        assertEquals(500, status(new JedisDataException("ERR invalid end ID for the interval")));
        assertEquals(500, status(new JedisDataException("WRONGTYPE Operation against a key holding the wrong kind of value")));
    }

    @Test
    void aRepeatedFailureIsTracedOnceThenOneLineEach() {
        List<LogRecord> records = new ArrayList<>();
        Handler handler = new Handler() {
            @Override public void publish(LogRecord record) { records.add(record); }
            @Override public void flush() { }
            @Override public void close() { }
        };
        Logger log = Logger.getLogger(UnexpectedExceptionMapper.class.getName());
        log.addHandler(handler);
        try {
            for (int i = 0; i < 5; i++) {
                assertEquals(500, status(new IllegalStateException("repeated " + getClass().getName())));
            }
        } finally {
            log.removeHandler(handler);
        }
        assertEquals(5, records.size());
        assertTrue(records.get(0).getThrown() != null, "the first one with its stack trace");
        assertTrue(records.stream().skip(1).allMatch(r -> r.getThrown() == null), "the others as one line");
    }

    private int status(Exception e) {
        return mapper.toResponse(new EJBException(e)).getStatus();
    }
}
