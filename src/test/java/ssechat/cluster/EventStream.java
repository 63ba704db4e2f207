package ssechat.cluster;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import ssechat.it.SseEvent;

/**
 * One event stream read over plain HTTP/1.1: every event is queued the moment its blank line
 * arrives, comments (": ping") included as events named ":comment"; the end of the stream queues
 * an event named ":end" and releases a latch.
 */
final class EventStream implements AutoCloseable {

    static final String COMMENT = ":comment";
    static final String END = ":end";
    /** How long the response headers may take (the request timeout ends there for a streamed body). */
    private static final Duration HEADERS_TIMEOUT = Duration.ofSeconds(10);
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

    private final HttpResponse<InputStream> response;
    private final BlockingQueue<SseEvent> events = new LinkedBlockingQueue<>();
    private final CountDownLatch ended = new CountDownLatch(1);
    private final Map<String, Long> arrivals = new ConcurrentHashMap<>();

    private EventStream(HttpResponse<InputStream> response) {
        this.response = response;
        Thread reader = new Thread(this::read, "cluster-sse-reader");
        reader.setDaemon(true);
        reader.start();
    }

    static EventStream open(URI uri, String lastEventId) throws IOException, InterruptedException {
        // Accept-Encoding as a browser sends it: a proxy that gzips the stream would hold events back.
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).header("Accept", "text/event-stream")
                .header("Accept-Encoding", "gzip").timeout(HEADERS_TIMEOUT);
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        return new EventStream(HTTP.send(request.build(), HttpResponse.BodyHandlers.ofInputStream()));
    }

    int status() {
        return response.statusCode();
    }

    /** The next event, waiting as long as it takes; {@link #END} once the stream is over. */
    SseEvent take() throws InterruptedException {
        return events.take();
    }

    /** The next event that matches, skipping others; null if none came in time. */
    SseEvent next(Predicate<SseEvent> wanted, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        SseEvent event;
        do {
            event = events.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
        } while (event != null && !wanted.test(event));
        return event;
    }

    SseEvent next(String name, Duration timeout) throws InterruptedException {
        return next(event -> event.name().equals(name), timeout);
    }

    /** When the event with this id arrived, in System.nanoTime() terms. */
    long arrivedAt(String id) {
        return arrivals.get(id);
    }

    boolean awaitEnd(Duration timeout) throws InterruptedException {
        return ended.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    boolean isOpen() {
        return ended.getCount() > 0;
    }

    @Override
    public void close() throws IOException {
        response.body().close();
    }

    private void read() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            Parser parser = new Parser();
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                parser.line(line);
            }
        } catch (IOException e) {
            // the node, Nginx or the test closed the stream: that is what `ended` reports
        } finally {
            events.add(new SseEvent(END, null, ""));
            ended.countDown();
        }
    }

    /** The SSE field rules for the one-line fields this server sends. */
    private final class Parser {
        private String name = "message";
        private String id;
        private String data;

        void line(String line) {
            if (line.isEmpty()) {
                if (data != null) {
                    if (id != null) {
                        arrivals.put(id, System.nanoTime());
                    }
                    events.add(new SseEvent(name, id, data));
                }
                name = "message";
                id = null;
                data = null;
            } else if (line.startsWith(":")) {
                events.add(new SseEvent(COMMENT, null, line.substring(1).trim()));
            } else {
                String[] field = line.split(": ?", 2);
                String value = field.length > 1 ? field[1] : "";
                switch (field[0]) {
                    case "event" -> name = value;
                    case "id" -> id = value;
                    case "data" -> data = data == null ? value : data + "\n" + value;
                    default -> { }
                }
            }
        }
    }
}
