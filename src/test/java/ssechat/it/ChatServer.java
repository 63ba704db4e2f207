package ssechat.it;

import java.net.URL;

/**
 * The one deployment that every nested test class of {@link ChatServerIT} shares. Arquillian
 * injects its URL only into the outer class, whose own test runs first and records it here.
 */
public final class ChatServer {

    private static volatile URL base;

    private ChatServer() {
    }

    static void deployedAt(URL url) {
        base = url;
    }

    public static ChatApi api() {
        if (base == null) {
            throw new IllegalStateException("ChatServerIT's own test records the deployment URL; it has not run");
        }
        return new ChatApi(base);
    }
}
