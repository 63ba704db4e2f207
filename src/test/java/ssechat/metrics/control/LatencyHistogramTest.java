package ssechat.metrics.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LatencyHistogramTest {

    @Test
    void quantilesAreWithinABucketOfTheTruth() {
        LatencyHistogram histogram = new LatencyHistogram();
        for (int millis = 1; millis <= 1000; millis++) {
            histogram.record(millis);
        }
        assertWithin(500, histogram.quantile(0.5));
        assertWithin(990, histogram.quantile(0.99));
        assertWithin(1000, histogram.quantile(1.0));
    }

    @Test
    void emptyAndOutOfRangeValues() {
        LatencyHistogram histogram = new LatencyHistogram();
        assertEquals(0, histogram.quantile(0.5));
        histogram.record(-5);
        histogram.record(10_000_000);
        assertEquals(1, histogram.quantile(0.5));
        assertTrue(histogram.quantile(1.0) > 40_000, "the top bucket holds everything slower");
    }

    private static void assertWithin(long expected, long actual) {
        assertTrue(actual >= expected && actual <= expected * 1.3, expected + " vs " + actual);
    }
}
