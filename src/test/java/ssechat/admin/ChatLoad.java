package ssechat.admin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import ssechat.it.ChatApi;
import ssechat.it.SseStream;

/**
 * A few users chatting in one room at a steady pace (under the per-user rate limit), each with a
 * stream open, so that the console has live figures to show. Bounded: it stops when closed.
 */
final class ChatLoad implements AutoCloseable {

    private static final String[] LINES = {
        "Morning all!", "Deploy is green.", "Who is on call tonight?", "Lunch at 12:30?", "Pushed the fix, please review.",
        "你好，大家好！", "Release notes are up.", "Can someone look at the flaky test?", "Coffee break in five.", "收到，谢谢！",
    };

    private final ScheduledExecutorService pace = Executors.newSingleThreadScheduledExecutor();
    private final List<SseStream> streams = new ArrayList<>();
    private final AtomicInteger sent = new AtomicInteger();

    ChatLoad(URL base, String room, int users, long periodMillis) throws IOException, InterruptedException {
        List<ChatApi> clients = new ArrayList<>();
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < users; i++) {
            ChatApi client = new ChatApi(base);
            String token = client.token(ChatApi.uniqueName("bot" + i));
            streams.add(client.stream(room, token, null));
            clients.add(client);
            tokens.add(token);
        }
        pace.scheduleAtFixedRate(() -> {
            int n = sent.getAndIncrement();
            try {
                clients.get(n % users).post(room, tokens.get(n % users), LINES[n % LINES.length]);
            } catch (UncheckedIOException e) {
                // the server is stopping; the test that owns this load reports what matters
            }
        }, 0, periodMillis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        pace.shutdownNow();
        streams.forEach(SseStream::close);
    }
}
