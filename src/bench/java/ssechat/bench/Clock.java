package ssechat.bench;

/** Monotonic nanoseconds since the tool started: positive, so they travel in message texts as plain digits. */
final class Clock {

    private static final long BASE = System.nanoTime();

    private Clock() {
    }

    static long now() {
        return System.nanoTime() - BASE;
    }

    static void sleepUntil(long nanos) {
        long wait;
        while ((wait = nanos - now()) > 0) {
            java.util.concurrent.locks.LockSupport.parkNanos(wait);
        }
    }

    static void sleepMillis(long millis) {
        sleepUntil(now() + millis * 1_000_000L);
    }
}
