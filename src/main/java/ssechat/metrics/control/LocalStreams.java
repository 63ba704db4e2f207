package ssechat.metrics.control;

import java.util.Map;

/** The streams open on this node, as the rooms feature counts them; metrics only reads them. */
public interface LocalStreams {

    /** Open streams per room. */
    Map<String, Integer> streamsByRoom();

    /** Distinct signed-in users with at least one open stream. */
    long onlineUsers();
}
