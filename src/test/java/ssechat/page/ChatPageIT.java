package ssechat.page;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URL;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import ssechat.it.ChatApi;
import ssechat.it.ChatServerTest;
import ssechat.it.Deployments;
import ssechat.it.TestRedis;
import ssechat.redis.control.Keys;
import ssechat.rooms.entity.Disconnect;

/**
 * The chat page in real headless Chromium against the deployed WAR. Alice (English, light) and
 * Bob (Chinese, dark) stay open across the tests, which each use a room of their own; screenshots
 * of the main states land in target/screenshots.
 */
@ChatServerTest
@RunAsClient
class ChatPageIT {

    @Deployment(testable = false)
    static WebArchive war() {
        return Deployments.chatWar();
    }

    @ArquillianResource
    URL base;

    private static ChatApi api;
    private static Browser alice;
    private static Browser bob;
    private static final String ALICE = ChatApi.uniqueName("alice");
    private static final String BOB = "张三" + ChatApi.uniqueName("").substring(1, 5);

    @BeforeEach
    void openBrowsers() {
        if (alice != null) {
            return;
        }
        api = new ChatApi(base);
        alice = joined(new Browser("en-US", false), ALICE);
        bob = joined(new Browser("zh-CN", true), BOB);
    }

    @AfterAll
    static void closeBrowsers() {
        for (Browser browser : new Browser[] {alice, bob}) {
            if (browser != null) {
                browser.close();
            }
        }
    }

    @Test
    void twoBrowsersChatWithEachOther() {
        bothIn(ChatApi.uniqueRoom("chat"));
        alice.send("Hello " + BOB + "!", "This is a second line.");
        bob.waitForMessage("Hello " + BOB + "!\nThis is a second line.");
        bob.send("你好 " + ALICE + "，收到了。");
        alice.waitForMessage("你好 " + ALICE + "，收到了。");
        List<String> expected = List.of("Hello " + BOB + "!\nThis is a second line.", "你好 " + ALICE + "，收到了。");
        assertEquals(expected, alice.messages());
        assertEquals(expected, bob.messages());
        alice.screenshot("chat-en-light");
        bob.screenshot("chat-zh-dark");
    }

    @Test
    void presenceUpdatesInBothBrowsers() {
        String room = ChatApi.uniqueRoom("presence");
        bothIn(room);
        String carolName = ChatApi.uniqueName("carol");
        try (Browser carol = joined(new Browser("en-US", false), carolName)) {
            carol.goToRoom(room);
            alice.waitUntil("Carol is listed as online", () -> alice.onlineUsers().contains(carolName));
            bob.waitUntil("Carol is listed as online", () -> bob.onlineUsers().contains(carolName));
            assertTrue(carol.onlineUsers().containsAll(List.of(ALICE, BOB, carolName)), carol.onlineUsers().toString());
            alice.screenshot("presence-en");
        }
        alice.waitUntil("Carol is gone from the list", () -> !alice.onlineUsers().contains(carolName));
        bob.waitUntil("Carol is gone from the list", () -> !bob.onlineUsers().contains(carolName));
        assertTrue(alice.text("#items").contains(carolName + " left"), "a quiet notice tells who left");
    }

    @Test
    void markupInMessagesShowsAsTextAndRunsNothing() {
        bothIn(ChatApi.uniqueRoom("xss"));
        String payload = "<img src=x onerror=\"window.pwned=1;alert(1)\"><script>window.pwned=2</script>";
        alice.send(payload);
        bob.waitForMessage(payload);
        alice.waitForMessage(payload);
        for (Browser browser : new Browser[] {alice, bob}) {
            assertEquals(0, browser.count("#items img, #items script"), "no element was made from the text");
            assertNull(browser.js("return window.pwned"), "no script ran");
            assertFalse(browser.alertShown());
        }
    }

    @Test
    void reloadKeepsTheSession() {
        String room = ChatApi.uniqueRoom("reload");
        bothIn(room);
        alice.send("before the reload");
        alice.waitForMessage("before the reload");
        alice.reload();
        alice.waitUntil("the page comes back in the room, connected", () -> "connected".equals(alice.connection())
                && alice.messages().contains("before the reload"));
        assertFalse(alice.visible("#join"), "no join screen after a reload");
        assertEquals(ALICE, alice.text("#me-name"));
        assertEquals(room, alice.text("#room-label"));
    }

    @Test
    void resumesWithoutLossAfterTheServerDropsTheStream() {
        String room = ChatApi.uniqueRoom("drop");
        bothIn(room);
        String dave = api.token(ChatApi.uniqueName("dave"));
        api.say(room, dave, "before the drop");
        bob.waitForMessage("before the drop");
        try (Jedis redis = new Jedis("127.0.0.1", TestRedis.port())) {
            redis.publish(Keys.CONTROL_CHANNEL, new Disconnect(BOB, room).payload());
        }
        bob.waitUntil("Bob's page notices the drop", () -> !"connected".equals(bob.connection()));
        bob.screenshot("reconnecting-zh-dark");
        List<String> missed = List.of("missed 1", "missed 2", "missed 3");
        missed.forEach(text -> api.say(room, dave, text));
        bob.waitUntil("Bob's page resumes", () -> "connected".equals(bob.connection()) && bob.messages().containsAll(missed));
        assertEquals(List.of("before the drop", "missed 1", "missed 2", "missed 3"), bob.messages(), "each once, in order");
    }

    @Test
    void resumesWithoutLossAfterTheNetworkDrops() {
        String room = ChatApi.uniqueRoom("offline");
        bothIn(room);
        alice.send("while online");
        bob.waitForMessage("while online");
        bob.network(false);
        try (Jedis redis = new Jedis("127.0.0.1", TestRedis.port())) {
            redis.publish(Keys.CONTROL_CHANNEL, new Disconnect(BOB, room).payload());
        }
        bob.waitUntil("Bob's page shows it is offline", () -> "offline".equals(bob.connection()));
        alice.send("while Bob was away");
        bob.network(true);
        bob.waitUntil("Bob's page resumes", () -> "connected".equals(bob.connection()) && bob.messages().contains("while Bob was away"));
        assertEquals(List.of("while online", "while Bob was away"), bob.messages());
    }

    @Test
    void pageLogsNoErrors() {
        try (Browser erin = new Browser("en-US", false)) {
            erin.resize(390, 844);
            erin.open(page());
            erin.screenshot("join-phone");
            erin.join(ChatApi.uniqueName("erin"));
            erin.goToRoom(ChatApi.uniqueRoom("quiet"));
            erin.screenshot("empty-room-phone");
            erin.send("Hi", "two lines");
            erin.waitForMessage("Hi\ntwo lines");
            erin.js("document.querySelector('.lang-switch.chip').click()");
            erin.screenshot("chat-phone-zh");
            assertEquals(List.of(), erin.consoleErrors());
        }
    }

    private Browser joined(Browser browser, String name) {
        browser.open(page());
        browser.join(name);
        return browser;
    }

    private void bothIn(String room) {
        alice.goToRoom(room);
        bob.goToRoom(room);
        alice.waitUntil("both are online in " + room, () -> alice.onlineUsers().containsAll(List.of(ALICE, BOB)));
    }

    /** Payara Micro announces the machine's address; the test server listens on loopback only. */
    private URI page() {
        return api.uri("");
    }
}
