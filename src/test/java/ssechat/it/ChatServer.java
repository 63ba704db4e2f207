package ssechat.it;

import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;

/**
 * The one deployment that every nested test class of {@link ChatServerIT} shares. Its address is
 * configured before the server starts (the build reserves a free port and passes
 * {@code chat.baseUrl}), so any nested suite can run on its own.
 */
public final class ChatServer {

    private ChatServer() {
    }

    public static ChatApi api() {
        return new ChatApi(base());
    }

    static URL base() {
        String url = System.getProperty("chat.baseUrl");
        if (url == null) {
            throw new IllegalStateException("chat.baseUrl is not set: run the integration tests through Maven (failsafe)");
        }
        try {
            return URI.create(url).toURL();
        } catch (MalformedURLException e) {
            throw new IllegalStateException("chat.baseUrl is not a URL: " + url, e);
        }
    }
}
