package ssechat.bench;

import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntFunction;

/**
 * The (stream, message) matrix: which stream got which message, how often, and in which order.
 * Each stream is written by one I/O thread only; totals are read after the loops synchronised.
 */
final class Deliveries {

    final int streams;
    final int messages;
    private final long[][] seen;
    private final int[] duplicates;
    private final int[] outOfOrder;
    private final LongAdder delivered = new LongAdder();
    private final LongAdder foreign = new LongAdder();

    Deliveries(int streams, int messages) {
        this.streams = streams;
        this.messages = messages;
        this.seen = new long[streams][];
        this.duplicates = new int[streams];
        this.outOfOrder = new int[streams];
    }

    /** Called on the stream's I/O thread for every message event; {@code inOrder}: its id was above the previous one. */
    void record(int stream, int seq, long sentNanos, long now, boolean inOrder, LoopStats stats) {
        if (seq < 0 || seq >= messages) {
            foreign.increment();
            return;
        }
        if (!inOrder) {
            outOfOrder[stream]++;
        }
        long[] bits = seen[stream];
        if (bits == null) {
            bits = seen[stream] = new long[(messages + 63) >>> 6];
        }
        long mask = 1L << (seq & 63);
        if ((bits[seq >>> 6] & mask) != 0) {
            duplicates[stream]++;
            return;
        }
        bits[seq >>> 6] |= mask;
        delivered.increment();
        stats.delivered(sentNanos, now);
    }

    long delivered() {
        return delivered.sum();
    }

    /** Loss, duplicates and order over the streams that opened and take part ({@code counted}), for the accepted messages. */
    Map<String, Object> summary(BitSet accepted, BitSet counted) {
        return summary(stream -> accepted, counted);
    }

    /** As above, stream s expecting the accepted messages {@code acceptedFor(s)} (those of its room). */
    Map<String, Object> summary(IntFunction<BitSet> acceptedFor, BitSet counted) {
        long expected = 0;
        long got = 0;
        long unconfirmed = 0;
        long dups = 0;
        long disorder = 0;
        int streamsWithLoss = 0;
        int streamsOutOfOrder = 0;
        for (int s = counted.nextSetBit(0); s >= 0; s = counted.nextSetBit(s + 1)) {
            BitSet mine = seen[s] == null ? new BitSet() : BitSet.valueOf(seen[s]);
            BitSet accepted = acceptedFor.apply(s);
            BitSet confirmed = (BitSet) mine.clone();
            confirmed.and(accepted);
            expected += accepted.cardinality();
            got += confirmed.cardinality();
            unconfirmed += mine.cardinality() - confirmed.cardinality();
            streamsWithLoss += confirmed.cardinality() < accepted.cardinality() ? 1 : 0;
            dups += duplicates[s];
            disorder += outOfOrder[s];
            streamsOutOfOrder += outOfOrder[s] > 0 ? 1 : 0;
        }
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("expected", expected);
        summary.put("delivered", got);
        summary.put("lost", expected - got);
        summary.put("lossRatio", expected == 0 ? 0.0 : (expected - got) / (double) expected);
        summary.put("streamsWithLoss", streamsWithLoss);
        summary.put("duplicates", dups);
        summary.put("outOfOrder", disorder);
        summary.put("streamsOutOfOrder", streamsOutOfOrder);
        summary.put("deliveredButPostFailed", unconfirmed);
        summary.put("foreignMessages", foreign.sum());
        return summary;
    }
}
