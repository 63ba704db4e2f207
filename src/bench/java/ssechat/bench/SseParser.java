package ssechat.bench;

import java.nio.charset.StandardCharsets;

/**
 * Minimal SSE parsing for one stream: {@code id:} (two numbers), {@code event: welcome}, the
 * {@code data:} line's {@code bench <seq> <sent nanos>} text (or the welcome's node), comments as
 * heartbeats. A message event is recorded when its blank line arrives, with whether its id went up.
 */
final class SseParser {

    private static final byte[] MARK = "bench ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NODE = "\"node\":\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] WELCOME = "welcome".getBytes(StandardCharsets.US_ASCII);

    private final SseConnection stream;
    private byte[] line = new byte[256];
    private int lineLength;
    // the event being parsed
    private boolean welcome;
    private boolean hasId;
    private long idHigh, idLow;
    private int seq = -1;
    private long sent;
    // the newest id seen on this stream
    private long lastHigh = -1, lastLow = -1;

    SseParser(SseConnection stream) {
        this.stream = stream;
    }

    /** A new connection of the same stream: a partial line or event of the old one is dropped, the newest id is kept. */
    void newConnection() {
        lineLength = 0;
        welcome = false;
        hasId = false;
        seq = -1;
    }

    void lines(byte[] bytes, int pos, int length, IoLoop loop) {
        int end = pos + length;
        while (pos < end) {
            int newline = pos;
            while (newline < end && bytes[newline] != '\n') {
                newline++;
            }
            if (newline == end) {
                append(bytes, pos, end - pos);
                return;
            }
            if (lineLength == 0) {
                line(bytes, pos, newline - pos, loop);
            } else {
                append(bytes, pos, newline - pos);
                line(line, 0, lineLength, loop);
                lineLength = 0;
            }
            pos = newline + 1;
        }
    }

    private void append(byte[] bytes, int pos, int length) {
        if (lineLength + length > line.length) {
            line = java.util.Arrays.copyOf(line, Math.max(line.length * 2, lineLength + length));
        }
        System.arraycopy(bytes, pos, line, lineLength, length);
        lineLength += length;
    }

    private void line(byte[] b, int off, int len, IoLoop loop) {
        if (len > 0 && b[off + len - 1] == '\r') {
            len--;
        }
        if (len == 0) {
            dispatch(loop);
        } else if (b[off] == ':') {
            if (stream.open) {
                stream.heartbeats++;
            }
        } else if (startsWith(b, off, len, "data:")) {
            data(b, off + 5, off + len);
        } else if (startsWith(b, off, len, "id:")) {
            id(b, off + 3, off + len);
            if (stream.pool.keepsLastEventId()) {
                stream.lastEventId = new String(b, off + 3, len - 3, StandardCharsets.US_ASCII).trim();
            }
        } else if (startsWith(b, off, len, "event:")) {
            welcome = find(b, off, off + len, WELCOME) >= 0;
        }
    }

    private void dispatch(IoLoop loop) {
        if (seq >= 0) {
            boolean inOrder = true;
            if (hasId) {
                inOrder = idHigh > lastHigh || (idHigh == lastHigh && idLow > lastLow);
                lastHigh = idHigh;
                lastLow = idLow;
            }
            stream.pool.deliveries.record(stream.index, seq, sent, stream.readAt, inOrder, loop.stats);
        }
        if (welcome && !stream.open) {
            stream.opened();
        }
        welcome = false;
        hasId = false;
        seq = -1;
    }

    private void data(byte[] b, int from, int to) {
        int mark = find(b, from, to, MARK);
        if (mark >= 0) {
            int pos = mark + MARK.length;
            long number = 0;
            while (pos < to && b[pos] >= '0' && b[pos] <= '9') {
                number = number * 10 + (b[pos++] - '0');
            }
            seq = (int) number;
            sent = 0;
            for (pos++; pos < to && b[pos] >= '0' && b[pos] <= '9'; pos++) {
                sent = sent * 10 + (b[pos] - '0');
            }
        } else if (!stream.open) {
            int at = find(b, from, to, NODE);
            if (at >= 0) {
                int start = at + NODE.length;
                int stop = start;
                while (stop < to && b[stop] != '"') {
                    stop++;
                }
                stream.node = new String(b, start, stop - start, StandardCharsets.UTF_8);
            }
        }
    }

    /** Ids are compared as (first number, second number): Redis stream ids {@code ms-seq}, nchan's {@code time:tag}. */
    private void id(byte[] b, int pos, int to) {
        long high = 0;
        long low = 0;
        int part = 0;
        boolean digits = false;
        for (; pos < to; pos++) {
            int c = b[pos] - '0';
            if (c < 0 || c > 9) {
                digits = false;
                continue;
            }
            if (!digits && ++part > 2) {
                break;
            }
            digits = true;
            if (part == 1) {
                high = high * 10 + c;
            } else {
                low = low * 10 + c;
            }
        }
        hasId = part > 0;
        idHigh = high;
        idLow = low;
    }

    private static boolean startsWith(byte[] b, int off, int len, String prefix) {
        if (len < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (b[off + i] != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static int find(byte[] b, int from, int to, byte[] needle) {
        outer:
        for (int i = from; i <= to - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (b[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
