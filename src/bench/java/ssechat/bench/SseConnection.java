package ssechat.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;

/**
 * One event stream over a non-blocking socket: sends the GET, reads the status and headers,
 * undoes chunked transfer coding and hands the body to its {@link SseParser}.
 */
final class SseConnection {

    private static final int SIZE = 0, DATA = 1, DATA_END = 2;

    final int index;
    private SocketChannel channel;
    private ByteBuffer request;
    private byte[] head = new byte[512];
    private int headLength;
    private boolean chunked;
    private int chunkState = SIZE;
    private long chunkLeft;
    private boolean chunkExtension;
    private final SseParser parser = new SseParser(this);
    long readAt;
    volatile boolean open;
    volatile boolean ended;
    volatile int heartbeats;
    volatile String node;
    /** The id of the newest message event, kept only when the pool reconnects its streams ({@code Last-Event-ID}). */
    volatile String lastEventId;
    /** Reconnections tried since the stream last dropped, and when it dropped and came back (nanos, 0: not yet). */
    int attempts;
    volatile long droppedAt;
    volatile long reopenedAt;
    final StreamPool pool;

    SseConnection(int index, StreamPool pool) {
        this.index = index;
        this.pool = pool;
    }

    /** On the I/O thread: connects from {@code local} and registers with the loop. */
    void connect(IoLoop loop, InetSocketAddress local, InetSocketAddress remote, byte[] get, int receiveBuffer) {
        try {
            channel = SocketChannel.open();
            channel.configureBlocking(false);
            if (receiveBuffer > 0) {
                channel.setOption(java.net.StandardSocketOptions.SO_RCVBUF, receiveBuffer);
            }
            channel.setOption(java.net.StandardSocketOptions.SO_REUSEADDR, true);
            channel.setOption(java.net.StandardSocketOptions.TCP_NODELAY, true);
            channel.bind(local);
            request = ByteBuffer.wrap(get);
            boolean connected = channel.connect(remote);
            channel.register(loop.selector, connected ? SelectionKey.OP_WRITE : SelectionKey.OP_CONNECT, this);
        } catch (IOException | RuntimeException e) {
            fail(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    /** On the I/O thread: forgets the ended connection's HTTP state (not the events seen) and connects again. */
    void reconnect(IoLoop loop, InetSocketAddress local, InetSocketAddress remote, byte[] get) {
        head = new byte[512];
        headLength = 0;
        chunked = false;
        chunkState = SIZE;
        chunkLeft = 0;
        chunkExtension = false;
        parser.newConnection();
        open = false;
        ended = false;
        node = null;
        attempts++;
        connect(loop, local, remote, get, 0);
    }

    void ready(SelectionKey key, IoLoop loop) {
        try {
            if (key.isConnectable() && channel.finishConnect()) {
                key.interestOps(SelectionKey.OP_WRITE);
            }
            if (key.isValid() && key.isWritable()) {
                channel.write(request);
                if (!request.hasRemaining()) {
                    request = null;
                    key.interestOps(SelectionKey.OP_READ);
                }
            }
            if (key.isValid() && key.isReadable()) {
                read(loop);
            }
        } catch (IOException | RuntimeException e) {
            fail(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    void pause(boolean paused) {
        SelectionKey key = channel == null ? null : channel.keyFor(pool.loopOf(this).selector);
        if (key != null && key.isValid() && request == null) {
            key.interestOps(paused ? 0 : SelectionKey.OP_READ);
        }
    }

    void close() {
        ended = true;
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
    }

    private void read(IoLoop loop) throws IOException {
        ByteBuffer buffer = loop.buffer;
        for (int rounds = 0; rounds < 4; rounds++) {
            buffer.clear();
            int n = channel.read(buffer);
            if (n < 0) {
                fail("closed by the server");
                return;
            }
            if (n == 0) {
                return;
            }
            readAt = Clock.now();
            int pos = head != null ? headers(buffer.array(), n) : 0;
            if (pos < 0) {
                return;
            }
            if (chunked) {
                chunks(buffer.array(), pos, n, loop);
            } else {
                parser.lines(buffer.array(), pos, n - pos, loop);
            }
            if (n < buffer.capacity()) {
                return;
            }
        }
    }

    /** Collects the response head; returns where the body starts in {@code bytes}, or -1 while the head is incomplete. */
    private int headers(byte[] bytes, int n) {
        for (int i = 0; i < n; i++) {
            if (headLength == head.length) {
                head = java.util.Arrays.copyOf(head, head.length * 2);
            }
            head[headLength++] = bytes[i];
            if (headLength >= 4 && bytes[i] == '\n' && head[headLength - 2] == '\r' && head[headLength - 3] == '\n') {
                String text = new String(head, 0, headLength, StandardCharsets.ISO_8859_1);
                head = null;
                int status = text.length() > 12 ? Integer.parseInt(text.substring(9, 12)) : 0;
                if (status != 200) {
                    fail("HTTP " + status);
                    return -1;
                }
                chunked = text.toLowerCase().contains("transfer-encoding: chunked");
                if (!pool.target.waitsForWelcome()) {
                    opened();
                }
                return i + 1;
            }
        }
        return -1;
    }

    private void chunks(byte[] bytes, int pos, int end, IoLoop loop) {
        while (pos < end) {
            if (chunkState == DATA) {
                int take = (int) Math.min(chunkLeft, end - pos);
                parser.lines(bytes, pos, take, loop);
                pos += take;
                chunkLeft -= take;
                if (chunkLeft == 0) {
                    chunkState = DATA_END;
                }
                continue;
            }
            byte b = bytes[pos++];
            if (chunkState == DATA_END) {
                chunkState = b == '\n' ? SIZE : DATA_END;
            } else if (b == '\n') {
                if (chunkLeft == 0) {
                    fail("the server ended the stream");
                    return;
                }
                chunkState = DATA;
                chunkExtension = false;
            } else if (b == ';') {
                chunkExtension = true;
            } else if (!chunkExtension && Character.digit(b, 16) >= 0) {
                chunkLeft = chunkLeft * 16 + Character.digit(b, 16);
            }
        }
    }

    void opened() {
        open = true;
        pool.opened(this, readAt == 0 ? Clock.now() : readAt);
    }

    private void fail(String why) {
        if (ended) {
            return;
        }
        boolean wasOpen = open;
        close();
        pool.ended(this, wasOpen, why);
    }
}
