package ssechat.http;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Logs unexpected failures so that a request repeated many times cannot fill the log: the first
 * failure of a kind (its class and the line it came from) is logged with its stack trace, the same
 * kind again within a minute as one line.
 */
final class FailureLog {

    private static final Duration QUIET = Duration.ofMinutes(1);
    private static final int MAX_KINDS = 1000;

    private final Logger log;
    private final Map<String, Long> lastTraced = new ConcurrentHashMap<>();

    FailureLog(Logger log) {
        this.log = log;
    }

    void failed(String what, Throwable e, Throwable cause) {
        String kind = kindOf(cause);
        long now = System.nanoTime();
        Long last = lastTraced.get(kind);
        if (last != null && now - last < QUIET.toNanos()) {
            log.log(Level.WARNING, "{0} (again; stack trace logged within the last minute): {1}", new Object[] {what, cause.toString()});
            return;
        }
        if (lastTraced.size() >= MAX_KINDS) {
            lastTraced.clear();
        }
        lastTraced.put(kind, now);
        log.log(Level.WARNING, what, e);
    }

    private static String kindOf(Throwable cause) {
        StackTraceElement[] trace = cause.getStackTrace();
        return cause.getClass().getName() + (trace.length > 0 ? "@" + trace[0] : "");
    }
}
