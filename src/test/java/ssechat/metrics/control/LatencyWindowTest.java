package ssechat.metrics.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import ssechat.metrics.entity.Latency;

/** The recent latency is a true window: a spike shows while it is in the window, then goes, as the since-start figure keeps it. */
class LatencyWindowTest {

    private final LatencyHistogram histogram = new LatencyHistogram();
    private final LatencyWindow window = new LatencyWindow(histogram, 5);

    @Test
    void aSpikeShowsThenGoes() {
        for (int i = 0; i < 10_000; i++) {
            histogram.record(3);
        }
        assertEquals(3, window.next().p99(), "fast deliveries at first");
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 100; j++) {
                histogram.record(3);
            }
            window.next();
        }
        for (int i = 0; i < 50; i++) {
            histogram.record(4000);
        }
        Latency spike = window.next();
        assertTrue(spike.p99() >= 4000 && spike.p99() < 5000, "the spike shows at once: " + spike);
        assertEquals(3, spike.p50(), "most of the window was still fast: " + spike);
        for (int i = 0; i < 4; i++) {
            histogram.record(3);
            assertTrue(window.next().p99() >= 4000, "and stays while the window holds it");
        }
        histogram.record(3);
        assertEquals(new Latency(3, 3, 3), window.next(), "then it is gone");
        assertEquals(3, histogram.quantile(0.99), "since start, 50 slow of 10,455 do not move p99");
        assertTrue(histogram.quantile(0.999) >= 4000, "but they are counted");
    }

    @Test
    void aQuietWindowIsZero() {
        histogram.record(250);
        assertTrue(window.next().p50() >= 250);
        for (int i = 0; i < 5; i++) {
            window.next();
        }
        assertEquals(new Latency(0, 0, 0), window.next(), "nothing delivered lately");
        assertTrue(histogram.quantile(0.5) >= 250, "since start keeps it");
    }
}
