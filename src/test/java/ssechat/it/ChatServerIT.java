package ssechat.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URL;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import ssechat.presence.PresenceTests;
import ssechat.rooms.MessagesTests;
import ssechat.rooms.RedisOutageTests;
import ssechat.rooms.RoomSubscriptionTests;
import ssechat.rooms.StreamLifecycleTests;
import ssechat.rooms.StreamTests;
import ssechat.sessions.SessionsTests;

/**
 * Every black-box test of the WAR against one Payara Micro, started once: each feature's tests
 * live in their own class and join here as a nested class; any one of them can run alone
 * ({@code -Dit.test='ChatServerIT$Sessions'}).
 */
@ChatServerTest
@RunAsClient
class ChatServerIT {

    @Deployment(testable = false)
    static WebArchive war() {
        return Deployments.chatWar();
    }

    @ArquillianResource
    URL base;

    @Test
    void serverIsHealthyWhereTheSuitesLookForIt() {
        assertEquals(ChatServer.base().getPort(), base.getPort(), "the port the build reserved");
        assertEquals(ChatServer.base().getPath(), base.getPath().endsWith("/") ? base.getPath() : base.getPath() + "/");
        assertEquals(200, ChatServer.api().get("api/health").statusCode());
    }

    @Nested
    class Sessions extends SessionsTests {
    }

    @Nested
    class Messages extends MessagesTests {
    }

    @Nested
    class Streams extends StreamTests {
    }

    @Nested
    class StreamLifecycle extends StreamLifecycleTests {
    }

    @Nested
    class RoomSubscriptions extends RoomSubscriptionTests {
    }

    @Nested
    class StreamLimit extends ssechat.rooms.StreamLimitTests {
    }

    @Nested
    class Presence extends PresenceTests {
    }

    @Nested
    class RedisOutage extends RedisOutageTests {
    }

    @Nested
    class Admin extends ssechat.admin.AdminTests {
    }

    @Nested
    class Moderation extends ssechat.admin.ModerationTests {
    }

    @Nested
    class ChatPage extends ssechat.page.ChatPageTests {
    }

    @Nested
    class BadInput extends ssechat.http.BadInputTests {
    }
}
