package ssechat.it;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A test client for one event stream, for the integration and the cluster tests. It parses the body
 * the way the SSE specification says (lines end at CR, LF or CRLF), queues every event the moment its
 * blank line arrives (comments as events named {@link #COMMENT}, the end of the stream as one named
 * {@link #END}), notes when each message arrived, and keeps the raw bytes for byte-level assertions.
 */
public final class SseStream implements AutoCloseable {

    public static final String COMMENT = ":comment";
    public static final String END = ":end";
    /** How long the response headers may take (the request timeout ends there for a streamed body). */
    private static final Duration HEADERS_TIMEOUT = Duration.ofSeconds(10);
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

    private final HttpResponse<InputStream> response;
    private final BlockingQueue<SseEvent> events = new LinkedBlockingQueue<>();
    private final ByteArrayOutputStream raw = new ByteArrayOutputStream();
    private final Map<String, Long> arrivals = new ConcurrentHashMap<>();
    private final CountDownLatch ended = new CountDownLatch(1);
    private final Thread reader;

    private SseStream(HttpResponse<InputStream> response) {
        this.response = response;
        this.reader = new Thread(this::read, "sse-test-reader");
        reader.setDaemon(true);
        reader.start();
    }

    public static SseStream open(URI uri, Map<String, String> headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).header("Accept", "text/event-stream").timeout(HEADERS_TIMEOUT).GET();
        headers.forEach(request::header);
        return new SseStream(HTTP.send(request.build(), HttpResponse.BodyHandlers.ofInputStream()));
    }

    /**
     * Opens the stream as a browser does, {@code Accept-Encoding} included (a proxy that compressed
     * the stream would hold events back), resuming after {@code lastEventId} unless it is null.
     */
    public static SseStream openAsBrowser(URI uri, String lastEventId) throws IOException, InterruptedException {
        Map<String, String> headers = new HashMap<>(Map.of("Accept-Encoding", "gzip"));
        if (lastEventId != null) {
            headers.put("Last-Event-ID", lastEventId);
        }
        return open(uri, headers);
    }

    public int status() { return response.statusCode(); }
    public HttpResponse<InputStream> response() { return response; }
    public boolean ended() { return ended.getCount() == 0; }
    public boolean isOpen() { return !ended(); }

    public boolean awaitEnd(Duration timeout) throws InterruptedException {
        return ended.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** When the event with this id arrived, in {@code System.nanoTime()} terms. */
    public long arrivedAt(String id) {
        return arrivals.get(id);
    }

    /** The next event, waiting as long as it takes; {@link #END} once the stream is over. */
    public SseEvent take() throws InterruptedException {
        return events.take();
    }

    public synchronized byte[] rawBytes() {
        return raw.toByteArray();
    }

    /** The next event (comments included), or null after the timeout. */
    public SseEvent next(Duration timeout) throws InterruptedException {
        return events.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The next event matching, skipping others, or null after the timeout. */
    public SseEvent next(Predicate<SseEvent> wanted, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            SseEvent event = events.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (event == null || wanted.test(event)) {
                return event;
            }
        }
    }

    public SseEvent next(String name, Duration timeout) throws InterruptedException {
        return next(event -> event.name().equals(name), timeout);
    }

    /** The next {@code count} message events, or fewer if the timeout runs out first. */
    public List<SseEvent> messages(int count, Duration timeout) throws InterruptedException {
        List<SseEvent> messages = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (messages.size() < count) {
            SseEvent event = next("message", Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
            if (event == null) {
                break;
            }
            messages.add(event);
        }
        return messages;
    }

    @Override
    public void close() {
        try {
            response.body().close();
        } catch (IOException ignored) {
            // closing is all we wanted; the stream is gone either way
        }
        reader.interrupt();
    }

    private void read() {
        try (InputStream in = new BufferedInputStream(response.body())) {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            Parser parser = new Parser();
            int previous = -1;
            int b;
            while ((b = in.read()) != -1) {
                synchronized (this) {
                    raw.write(b);
                }
                if (b == '\n' && previous == '\r') {
                    previous = b;
                    continue;
                }
                if (b == '\n' || b == '\r') {
                    parser.line(line.toString(StandardCharsets.UTF_8));
                    line.reset();
                } else {
                    line.write(b);
                }
                previous = b;
            }
        } catch (IOException e) {
            // the stream was closed by the server, a proxy or the test: that is what END reports
        } finally {
            events.add(new SseEvent(END, null, ""));
            ended.countDown();
        }
    }

    private final class Parser {
        private String name = "message";
        private String id;
        private StringBuilder data;

        void line(String line) {
            if (line.isEmpty()) {
                if (data != null) {
                    if (id != null) {
                        arrivals.put(id, System.nanoTime());
                    }
                    events.add(new SseEvent(name, id, data.toString()));
                }
                name = "message";
                id = null;
                data = null;
            } else if (line.startsWith(":")) {
                events.add(new SseEvent(COMMENT, null, line.substring(1).trim()));
            } else {
                int colon = line.indexOf(':');
                String field = colon < 0 ? line : line.substring(0, colon);
                String value = colon < 0 ? "" : line.substring(colon + 1);
                if (value.startsWith(" ")) {
                    value = value.substring(1);
                }
                switch (field) {
                    case "event" -> name = value;
                    case "id" -> id = value;
                    case "data" -> data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
                    default -> { }
                }
            }
        }
    }
}
