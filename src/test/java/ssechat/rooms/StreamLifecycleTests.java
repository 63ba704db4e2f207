package ssechat.rooms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import ssechat.it.ChatApi;
import ssechat.it.ChatServer;
import ssechat.it.SseEvent;
import ssechat.it.ServerProcess;
import ssechat.it.SseStream;
import ssechat.it.TestRedis;
import ssechat.redis.control.Keys;

/** Streams that stop reading or go away must cost the others nothing and leave nothing behind. */
public abstract class StreamLifecycleTests {

    private final ChatApi api = ChatServer.api();
    private final String room = ChatApi.uniqueRoom("lifecycle");

    /** A client that never reads: the others get every message promptly, and it is dropped. */
    @Test
    void aClientThatStopsReadingIsDroppedWithoutDelayingOthers() throws Exception {
        int messages = 900;
        String text = "慢".repeat(2000);
        try (Socket slow = new Socket(); SseStream fast = api.stream(room, null, null)) {
            slow.setReceiveBufferSize(2048);
            slow.connect(new InetSocketAddress("127.0.0.1", api.uri("").getPort()));
            OutputStream request = slow.getOutputStream();
            request.write(("GET " + api.uri("api/rooms/" + room + "/events").getPath() + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Accept: text/event-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            request.flush();
            assertNotNull(fast.next("welcome", Duration.ofSeconds(5)));
            waitForStreams(2, Duration.ofSeconds(5));

            long start = System.nanoTime();
            List<String> posted = postInParallel(messages, text);
            List<SseEvent> received = fast.messages(messages, Duration.ofSeconds(30));
            long elapsedMillis = Duration.ofNanos(System.nanoTime() - start).toMillis();
            assertEquals(posted.stream().sorted(ssechat.rooms.entity.MessageId::compare).toList(), StreamTests.ids(received),
                    "the reading client got every message, in order");
            System.out.printf("slow reader: %d messages of %d bytes reached the fast client in %d ms%n",
                    messages, text.getBytes(StandardCharsets.UTF_8).length, elapsedMillis);
            assertTrue(waitForStreams(1, Duration.ofSeconds(30)), "the client that stopped reading was dropped");
        }
    }

    /** Many short-lived streams: afterwards no stream, room, or presence count is left on the node. */
    @Test
    void closedStreamsLeaveNothingBehind() throws Exception {
        String user = ChatApi.uniqueName("cycler");
        String token = api.token(user);
        for (int i = 0; i < 150; i++) {
            try (SseStream stream = api.stream(room, i % 2 == 0 ? token : null, null)) {
                assertNotNull(stream.next("welcome", Duration.ofSeconds(5)));
            }
        }
        assertTrue(waitForStreams(0, Duration.ofSeconds(15)), "every stream is gone from the node");
        assertEquals(0, ChatApi.json(api.get("api/health").body()).getInt("rooms"), "no room channel is left");
        Thread.sleep(2500);
        try (Jedis redis = new Jedis("127.0.0.1", TestRedis.port())) {
            assertEquals(0, redis.hlen(Keys.roomNodeStreams(room, "it-node")), "no presence count is left for this node");
            assertEquals(0, redis.hlen(Keys.online(room)), "nobody is left online");
        }
    }

    /** {@code HEAD} gets the headers a stream would get, and no stream: nobody is counted online. */
    @Test
    void headAnswersTheHeadersOfAStreamAndOpensNone() throws Exception {
        String user = ChatApi.uniqueName("header");
        String token = api.token(user);
        HttpResponse<Void> head = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        api.uri("api/rooms/" + room + "/events?token=" + token))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.discarding());
        assertEquals(200, head.statusCode());
        assertEquals("text/event-stream;charset=UTF-8", head.headers().firstValue("Content-Type").orElse("").replace(" ", ""));
        Thread.sleep(500);
        assertEquals("[]", api.get("api/rooms/" + room + "/users").body(), "a HEAD counts nobody in");
    }

    /**
     * Streams that end before or while they open, in each way a client can end them (HEAD, closed
     * at once, closed after the headers; signed in or not): afterwards the node holds no stream,
     * nobody is online, and the server process holds no more files than before.
     */
    @Test
    void streamsEndedWhileOpeningLeaveNothingBehind() throws Exception {
        assertTrue(waitForStreams(0, Duration.ofSeconds(20)), "no stream is open before");
        ServerProcess server = ServerProcess.listeningOn(api.uri("").getPort());
        int filesBefore = server.openFiles();
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            tokens.add(api.token(ChatApi.uniqueName("aborter")));
        }
        int streams = 1000;
        ExecutorService clients = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < streams; i++) {
                int n = i;
                done.add(clients.submit(() -> {
                    abort(Abort.values()[n % 3], n % 2 == 0 ? tokens.get(n % tokens.size()) : null, "100.66." + n / 250 + "." + (n % 250 + 1));
                    return null;
                }));
            }
            for (Future<?> each : done) {
                each.get(60, TimeUnit.SECONDS);
            }
        } finally {
            clients.shutdownNow();
        }
        assertTrue(waitForStreams(0, Duration.ofSeconds(30)), "every stream is gone from the node, streams: "
                + ChatApi.json(api.get("api/health").body()).getInt("streams"));
        assertEquals("[]", waitForUsers("[]", Duration.ofSeconds(15)), "nobody is left online");
        int filesAfter = waitForFiles(server, filesBefore + 25, Duration.ofSeconds(30));
        System.out.printf("aborted streams: server process %d held %d files before, %d after%n", server.pid(), filesBefore, filesAfter);
        assertTrue(filesAfter <= filesBefore + 25, "the server holds no sockets of them: " + filesBefore + " files before, " + filesAfter + " after");
    }

    /** How a test client ends a stream while it opens. */
    private enum Abort { HEAD, AT_ONCE, AFTER_HEADERS }

    private void abort(Abort how, String token, String address) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", api.uri("").getPort()), 5000);
            socket.setSoTimeout(how == Abort.HEAD ? 300 : 5000);
            String path = api.uri("api/rooms/" + room + "/events").getPath() + (token == null ? "" : "?token=" + token);
            OutputStream request = socket.getOutputStream();
            request.write(((how == Abort.HEAD ? "HEAD " : "GET ") + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Accept: text/event-stream\r\nX-Forwarded-For: " + address + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            request.flush();
            if (how != Abort.AT_ONCE) {
                readHeaders(socket.getInputStream());
            }
        }
    }

    private static void readHeaders(InputStream in) throws IOException {
        int matched = 0;
        try {
            for (int b = in.read(); b != -1 && matched < 4; b = in.read()) {
                matched = b == "\r\n\r\n".charAt(matched) ? matched + 1 : (b == '\r' ? 1 : 0);
            }
        } catch (SocketTimeoutException e) {
            // as curl -m gives up: the client leaves whatever the server still sends
        }
    }

    private String waitForUsers(String expected, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String users = api.get("api/rooms/" + room + "/users").body();
        while (!users.equals(expected) && System.nanoTime() < deadline) {
            Thread.sleep(200);
            users = api.get("api/rooms/" + room + "/users").body();
        }
        return users;
    }

    private static int waitForFiles(ServerProcess server, int most, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        int files = server.openFiles();
        while (files > most && System.nanoTime() < deadline) {
            Thread.sleep(500);
            files = server.openFiles();
        }
        return files;
    }

    private List<String> postInParallel(int count, String text) throws Exception {
        int writers = count / 20;
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<List<String>>> results = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                ChatApi writer = api.from("100.64." + (w / 3) + "." + (1 + w % 3 * 80));
                results.add(pool.submit(() -> {
                    String token = writer.token(ChatApi.uniqueName("flood"));
                    List<String> ids = new ArrayList<>();
                    for (int i = 0; i < 20; i++) {
                        ids.add(writer.say(room, token, text).getString("id"));
                    }
                    return ids;
                }));
            }
            List<String> ids = new ArrayList<>();
            for (Future<List<String>> result : results) {
                ids.addAll(result.get(60, TimeUnit.SECONDS));
            }
            return ids;
        } finally {
            pool.shutdownNow();
        }
    }

    private boolean waitForStreams(int expected, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (ChatApi.json(api.get("api/health").body()).getInt("streams") == expected) {
                return true;
            }
            Thread.sleep(200);
        }
        return false;
    }
}
