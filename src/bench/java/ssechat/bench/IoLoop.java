package ssechat.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.Iterator;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * One selector thread serving many streams: reads whatever is ready into one shared buffer and
 * hands the bytes to each stream's parser. Work from other threads comes in through {@link #execute}.
 */
final class IoLoop implements Runnable {

    final LoopStats stats;
    final Selector selector;
    final ByteBuffer buffer = ByteBuffer.allocate(256 * 1024);
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final Thread thread;
    private volatile boolean running = true;

    IoLoop(String name, LoopStats stats) {
        this.stats = stats;
        try {
            selector = Selector.open();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        thread = new Thread(this, name);
        thread.setDaemon(true);
        thread.start();
    }

    long threadId() {
        return thread.getId();
    }

    void execute(Runnable task) {
        tasks.add(task);
        selector.wakeup();
    }

    void stop() throws InterruptedException {
        running = false;
        selector.wakeup();
        thread.join(10_000);
    }

    @Override
    public void run() {
        try {
            while (running) {
                selector.select(200);
                for (Runnable task; (task = tasks.poll()) != null; ) {
                    task.run();
                }
                Iterator<SelectionKey> ready = selector.selectedKeys().iterator();
                while (ready.hasNext()) {
                    SelectionKey key = ready.next();
                    ready.remove();
                    ((SseConnection) key.attachment()).ready(key, this);
                }
            }
            selector.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
