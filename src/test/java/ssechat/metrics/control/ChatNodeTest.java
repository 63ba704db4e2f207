package ssechat.metrics.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.Map;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import javax.management.openmbean.TabularData;
import org.junit.jupiter.api.Test;
import ssechat.metrics.entity.Heap;
import ssechat.metrics.entity.Latency;
import ssechat.metrics.entity.Messages;
import ssechat.metrics.entity.NodeStats;
import ssechat.metrics.entity.RedisStatus;
import ssechat.metrics.entity.Streams;

/** The MXBean as a JMX client reads it from the platform MBean server: open types, the snapshot's figures. */
class ChatNodeTest {

    private static final NodeStats STATS = new NodeStats("n1", 1_000, 42, new Streams(3, Map.of("lobby", 2, "ops", 1)), 2,
            new Messages(10, 25, 1.5, 3.75), new Latency(2, 5, 9), new Latency(1, 3, 4), 1, RedisStatus.down(false, 0, 0), new Heap(100, 400));

    @Test
    void showsTheLatestFiguresAsOpenTypes() throws Exception {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        ObjectName name = new ObjectName("ssechat.test:type=ChatNode");
        server.registerMBean(new ChatNode(() -> STATS), name);
        try {
            assertEquals("n1", server.getAttribute(name, "Node"));
            assertEquals(3, server.getAttribute(name, "OpenStreams"));
            assertEquals(25L, server.getAttribute(name, "MessagesDelivered"));
            assertEquals(3.75, server.getAttribute(name, "DeliveredPerSecond"));
            assertEquals(9L, server.getAttribute(name, "LatencyP99Millis"));
            assertEquals("DOWN", server.getAttribute(name, "RedisState"));
            assertTrue(Double.isNaN((Double) server.getAttribute(name, "RedisRoundTripMillis")), "no round trip while Redis is down");
            TabularData byRoom = (TabularData) server.getAttribute(name, "OpenStreamsByRoom");
            assertEquals(2, byRoom.size());
            assertEquals(2, ((CompositeData) byRoom.get(new Object[] {"lobby"})).get("value"));
        } finally {
            server.unregisterMBean(name);
        }
    }
}
