package ssechat.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static ssechat.cluster.Room.welcomeNode;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Nginx as shipped (nginx.conf: {@code hash $chat_affinity consistent}): every stream of a room goes
 * to the same node, the rooms spread over the nodes, and when a node dies its rooms move to the
 * other while the other's rooms stay where they are.
 */
@Timeout(value = 150, unit = TimeUnit.SECONDS)
class RoomAffinityIT {

    /** With two nodes, all of them on one node by chance: 2 in 2^16. */
    static final int ROOMS = 16;
    static final int STREAMS_PER_ROOM = 3;

    @RegisterExtension
    static final LocalCluster cluster = LocalCluster.of(2, Map.of("NGINX_BALANCE", "room"));

    @Test
    void aRoomsStreamsShareANodeAndMoveTogetherWhenItDies() throws Exception {
        List<Room> rooms = IntStream.range(0, ROOMS).mapToObj(i -> Room.unique()).toList();
        Map<Room, String> homes = new HashMap<>();
        try (Closer closer = new Closer()) {
            for (Room room : rooms) {
                Set<String> nodes = new HashSet<>();
                for (int i = 0; i < STREAMS_PER_ROOM; i++) {
                    nodes.add(welcomeNode(closer.add(room.open(cluster.nginx(), null))));
                }
                assertEquals(1, nodes.size(), "every stream of " + room.name() + " on one node: " + nodes);
                homes.put(room, nodes.iterator().next());
            }
        }
        assertEquals(Set.of("node1", "node2"), Set.copyOf(homes.values()), "the rooms spread over both nodes");

        cluster.kill(1);
        try (Closer closer = new Closer()) {
            for (Room room : rooms) {
                String node = welcomeNode(closer.add(room.open(cluster.nginx(), null)));
                assertNotEquals("node1", node);
                assertEquals("node2", node, room.name() + ", home " + homes.get(room) + ", is served by the node left");
            }
        }
    }
}
