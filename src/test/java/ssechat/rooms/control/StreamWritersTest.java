package ssechat.rooms.control;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Writes blocked on clients that stopped reading must not hold up the others. */
class StreamWritersTest {

    @Test
    void blockedWritesGetThreadsAddedSoOtherWritesGoOn() throws Exception {
        StreamWriters writers = new StreamWriters(Executors.defaultThreadFactory());
        CountDownLatch release = new CountDownLatch(1);
        int blocked = 64; // more than the base threads of any machine this runs on
        CountDownLatch allStarted = new CountDownLatch(blocked);
        try {
            for (int i = 0; i < blocked; i++) {
                writers.execute(() -> {
                    allStarted.countDown();
                    await(release);
                });
            }
            List<CountDownLatch> others = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                CountDownLatch done = new CountDownLatch(1);
                others.add(done);
                writers.execute(done::countDown);
            }
            assertTrue(allStarted.await(10, TimeUnit.SECONDS), "every blocked write got a thread of its own");
            for (CountDownLatch done : others) {
                assertTrue(done.await(10, TimeUnit.SECONDS), "the other writes went on");
            }
        } finally {
            release.countDown();
            writers.shutdown();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
