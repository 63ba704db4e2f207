package ssechat.cluster;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Many EventSource-like clients on a handful of threads: java.net.http over HTTP/1.1, one
 * asynchronous line subscriber per stream, no thread per stream. When a stream ends, the client
 * opens it again with Last-Event-ID at the failover address (what Nginx does when a node is gone),
 * retrying every 100 ms for at most 30 s, and records how long it took to get the next welcome.
 */
final class StreamSwarm implements AutoCloseable {

    private static final Pattern NODE = Pattern.compile("\"node\":\"([^\"]+)\"");
    private static final int MAX_ATTEMPTS = 300;

    private final ExecutorService threads = Executors.newFixedThreadPool(2, r -> {
        Thread thread = new Thread(r, "stream-swarm");
        thread.setDaemon(true);
        return thread;
    });
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).executor(threads).build();
    private final List<Client> clients = new ArrayList<>();
    private final URI failover;

    StreamSwarm(URI first, URI failover, int count) {
        this.failover = failover;
        for (int i = 0; i < count; i++) {
            clients.add(new Client(first));
        }
    }

    /** Opens the streams, {@code batch} at a time, each batch welcomed before the next starts. */
    void open(int batch, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        for (int from = 0; from < clients.size(); from += batch) {
            List<Client> some = clients.subList(from, Math.min(clients.size(), from + batch));
            some.forEach(client -> client.connect(client.uri, 0));
            awaitUntil(() -> some.stream().allMatch(c -> c.node != null), deadline);
        }
    }

    /** Polls every 10 ms until every client has received {@code count} messages; false if time ran out. */
    boolean awaitMessages(int count, Duration within) throws InterruptedException {
        return awaitUntil(() -> clients.stream().allMatch(c -> c.count() >= count), System.nanoTime() + within.toNanos());
    }

    boolean awaitAllOn(String node, Duration within) throws InterruptedException {
        return awaitUntil(() -> clients.stream().allMatch(c -> node.equals(c.node)), System.nanoTime() + within.toNanos());
    }

    long countOn(String node) {
        return clients.stream().filter(c -> node.equals(c.node)).count();
    }

    /** Messages missing (or extra, or out of order) per client, against the ids every client should hold. */
    long lost(List<String> expected) {
        return clients.stream().filter(c -> !c.ids().equals(expected)).count();
    }

    List<Long> reconnectMillis() {
        return clients.stream().filter(c -> c.reconnectMillis >= 0).map(c -> c.reconnectMillis).toList();
    }

    /** The latest welcome of any client, in System.nanoTime() terms. */
    long lastWelcome() {
        return clients.stream().mapToLong(c -> c.welcomedAt).max().orElse(0);
    }

    @Override
    public void close() {
        clients.forEach(Client::cancel);
        threads.shutdownNow();
    }

    private static boolean awaitUntil(java.util.function.BooleanSupplier done, long deadline) throws InterruptedException {
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            TimeUnit.MILLISECONDS.sleep(10);
        }
        return true;
    }

    /** One stream: its message ids, its node, and its reconnect. */
    private final class Client implements Flow.Subscriber<String> {
        final URI uri;
        private final List<String> ids = new ArrayList<>();
        volatile String node;
        volatile long endedAt;
        volatile long welcomedAt;
        volatile long reconnectMillis = -1;
        private volatile Flow.Subscription subscription;
        private volatile boolean cancelled;
        private String event = "message";
        private String id;
        private String data;

        Client(URI uri) {
            this.uri = uri;
        }

        synchronized int count() { return ids.size(); }
        synchronized List<String> ids() { return List.copyOf(ids); }
        synchronized String lastId() { return ids.isEmpty() ? null : ids.get(ids.size() - 1); }

        void connect(URI target, int attempt) {
            HttpRequest.Builder request = HttpRequest.newBuilder(target).header("Accept", "text/event-stream").timeout(Duration.ofSeconds(10));
            String last = lastId();
            if (last != null) {
                request.header("Last-Event-ID", last);
            }
            CompletableFuture<HttpResponse<Void>> response = http.sendAsync(request.build(), HttpResponse.BodyHandlers.fromLineSubscriber(this));
            // With a subscriber body the future completes when the stream ends, or fails to open.
            response.whenComplete((r, failure) -> ended(attempt, failure == null && r.statusCode() == 200));
        }

        private void ended(int attempt, boolean wasOpen) {
            if (cancelled) {
                return;
            }
            if (node != null) {
                endedAt = System.nanoTime();
                node = null;
            }
            retry(wasOpen ? 0 : attempt);
        }

        private void retry(int attempt) {
            if (!cancelled && attempt < MAX_ATTEMPTS) {
                CompletableFuture.delayedExecutor(100, TimeUnit.MILLISECONDS, threads).execute(() -> connect(failover, attempt + 1));
            }
        }

        void cancel() {
            cancelled = true;
            Flow.Subscription current = subscription;
            if (current != null) {
                current.cancel();
            }
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            event = "message";
            id = null;
            data = null;
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(String line) {
            if (!line.isEmpty()) {
                int colon = line.indexOf(':');
                String field = colon < 0 ? line : line.substring(0, colon);
                String value = colon < 0 ? "" : line.substring(colon + 1).stripLeading();
                switch (field) {
                    case "event" -> event = value;
                    case "id" -> id = value;
                    case "data" -> data = value;
                    default -> { }
                }
                return;
            }
            if (data != null) {
                dispatch();
            }
            event = "message";
            id = null;
            data = null;
        }

        private void dispatch() {
            if (event.equals("welcome")) {
                Matcher matcher = NODE.matcher(data);
                welcomedAt = System.nanoTime();
                if (endedAt != 0) {
                    reconnectMillis = TimeUnit.NANOSECONDS.toMillis(welcomedAt - endedAt);
                }
                node = matcher.find() ? matcher.group(1) : "?";
            } else if (event.equals("message")) {
                synchronized (this) {
                    ids.add(id);
                }
            }
        }

        @Override
        public void onError(Throwable throwable) {
            // the stream is over: the response future says so too, and ended() reconnects
        }

        @Override
        public void onComplete() {
            // as onError
        }
    }
}
