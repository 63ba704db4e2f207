package ssechat.page;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import ssechat.it.ChatApi;
import ssechat.it.ChatServer;
import ssechat.it.PageTexts;
import ssechat.it.SseStream;

/**
 * The chat page in real headless Chromium against the deployed WAR (joins ChatServerIT as a nested
 * suite). Alice (English, light) and Bob (Chinese, dark) stay open across the tests, which each
 * use a room of their own; screenshots of the main states land in target/screenshots.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ChatPageTests {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final System.Logger LOG = System.getLogger(ChatPageTests.class.getName());
    private static final String ALICE = ChatApi.uniqueName("alice");
    private static final String BOB = "张三" + ChatApi.uniqueName("").substring(1, 5);

    private final ChatApi api = ChatServer.api();
    private Browser alice;
    private Browser bob;

    @BeforeAll
    void openBrowsers() {
        alice = joined(new Browser("en-US", false), ALICE);
        bob = joined(new Browser("zh-CN", true), BOB);
    }

    @AfterAll
    void closeBrowsers() {
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
    void aModeratorsDeletionRemovesTheMessageFromBothPages() {
        String room = ChatApi.uniqueRoom("delete");
        bothIn(room);
        alice.send("oops, wrong room");
        alice.send("this one stays");
        bob.waitForMessage("this one stays");
        String id = api.history(room, "?count=10").getJsonObject(0).getString("id");
        moderate("api/admin/rooms/" + room + "/messages/" + id);
        for (Browser browser : new Browser[] {alice, bob}) {
            browser.waitUntil("the deleted message is gone", () -> browser.messages().equals(List.of("this one stays")));
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

    /** Bug 4: a kicked page tells why (in Chinese here), stays out, and its Rejoin button brings back everything missed. */
    @Test
    void aKickedPageSaysWhyStaysOutAndRejoinsWithoutLoss() throws Exception {
        String room = ChatApi.uniqueRoom("kick");
        bothIn(room);
        String dave = api.token(ChatApi.uniqueName("dave"));
        api.say(room, dave, "before the kick");
        bob.waitForMessage("before the kick");
        kick(BOB, room);
        bob.waitUntil("Bob's page says he was removed", () -> "removed".equals(bob.connection()) && bob.visible("#removed"));
        assertTrue(bob.text("#removed-text").contains("管理员已将你移出 #" + room), bob.text("#removed-text"));
        assertFalse(bob.visible("#composer"), "no composer while removed");
        List<String> missed = List.of("missed 1", "missed 2", "missed 3");
        missed.forEach(text -> api.say(room, dave, text));
        alice.waitUntil("Alice sees Bob leave", () -> !alice.onlineUsers().contains(BOB));
        alice.waitForMessage("missed 3"); // so that the notes taken next are not a snapshot a later message changes
        String aliceNotes = alice.text("#items");
        Thread.sleep(4000); // twice the stream's retry interval: a page that reconnects by itself would be back
        assertEquals("removed", bob.connection(), "the page does not reconnect by itself");
        assertFalse(alice.onlineUsers().contains(BOB), "nor does the room see Bob join again");
        assertEquals(aliceNotes, alice.text("#items"), "no joined/left flicker");
        bob.screenshot("kicked-zh-dark");
        bob.click("#rejoin");
        bob.waitUntil("Bob's page is back", () -> "connected".equals(bob.connection()) && bob.messages().containsAll(missed));
        assertEquals(List.of("before the kick", "missed 1", "missed 2", "missed 3"), bob.messages(), "each once, in order");
        alice.waitUntil("Alice sees Bob again", () -> alice.onlineUsers().contains(BOB));
    }

    /**
     * A kick while the network is down: the page shows it is offline; once back online it either
     * still learns it was removed (the ended event was held back with the stream) and rejoins by
     * its button, or it only saw the stream end and resumes by itself. Either way nothing is lost.
     */
    @Test
    void resumesWithoutLossAfterTheNetworkDrops() {
        String room = ChatApi.uniqueRoom("offline");
        bothIn(room);
        alice.send("while online");
        bob.waitForMessage("while online");
        bob.network(false); // fails new requests only: the open stream is then closed by the server
        kick(BOB, room);
        try {
            alice.waitUntil("Bob has left, his stream gone", () -> !alice.onlineUsers().contains(BOB));
            bob.waitUntil("Bob's page is offline", () -> "offline".equals(bob.connection()));
            bob.screenshot("offline-zh-dark");
            alice.send("while Bob was away");
            alice.waitForMessage("while Bob was away");
        } finally {
            bob.network(true);
        }
        bob.waitUntil("Bob's page is back online", () -> List.of("connected", "removed").contains(bob.connection()));
        String seen = bob.connection();
        LOG.log(System.Logger.Level.INFO, "A kick during an offline spell reached the page as: {0}", seen);
        if ("removed".equals(seen)) {
            bob.click("#rejoin");
        }
        bob.waitUntil("Bob's page resumes", () -> "connected".equals(bob.connection()) && bob.messages().contains("while Bob was away"));
        assertEquals(List.of("while online", "while Bob was away"), bob.messages());
    }

    /** A ban ends the page's session: the join screen says until when, in English, and the name is refused. */
    @Test
    void aBannedPageSaysUntilWhenAndTheNameIsRefused() {
        String room = ChatApi.uniqueRoom("ban");
        String carolName = ChatApi.uniqueName("carol");
        try (Browser carol = joined(new Browser("en-US", false), carolName)) {
            carol.goToRoom(room);
            admin("POST", "api/admin/bans", "{\"name\":" + ChatApi.quote(carolName) + ",\"minutes\":60,\"reason\":\"spam\"}", 201);
            carol.waitUntil("Carol's page shows the join screen", () -> carol.visible("#join"));
            assertTrue(carol.text("#join-error").startsWith("This name is banned until "), carol.text("#join-error"));
            assertNull(carol.js("return localStorage.getItem('ssechat.session')"), "the ended session is forgotten");
            carol.screenshot("banned-en");
            carol.js("document.getElementById('join-error').textContent = ''");
            carol.submitJoin(carolName.toUpperCase(java.util.Locale.ROOT));
            carol.waitUntil("joining again is refused", () -> carol.text("#join-error").startsWith("This name is banned until "));
            assertTrue(carol.visible("#join"));
            assertEquals(List.of(), carol.consoleErrors().stream().filter(e -> !e.contains("403")).toList());
        } finally {
            admin("DELETE", "api/admin/bans/" + carolName, null, 204);
        }
    }

    /** Logging out elsewhere (another tab, another device) ends this page's session view cleanly. */
    @Test
    void aLogoutElsewhereEndsThePagesSessionView() {
        String erinName = ChatApi.uniqueName("erin");
        try (Browser erin = joined(new Browser("zh-CN", true), erinName)) {
            String token = (String) erin.js("return JSON.parse(localStorage.getItem('ssechat.session')).token");
            assertEquals(204, api.delete("api/sessions/current", token).statusCode());
            erin.waitUntil("Erin's page shows the join screen", () -> erin.visible("#join"));
            assertEquals("你已在另一个标签页退出。", erin.text("#join-error"));
            assertEquals(erinName, erin.js("return document.getElementById('join-name').value"));
            assertNull(erin.js("return localStorage.getItem('ssechat.session')"));
            assertEquals(List.of(), erin.consoleErrors());
        }
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

    @Test
    void switchingToChineseTranslatesEveryTextWithANoticeInTheLog() throws Exception {
        String room = ChatApi.uniqueRoom("lang");
        String grace = ChatApi.uniqueName("grace");
        String frank = ChatApi.uniqueName("frank");
        String token = api.token(frank);
        String text = "hello from frank";
        api.say(room, token, text);
        try (Browser browser = joined(new Browser("en-US", false), grace)) {
            browser.goToRoom(room);
            browser.waitForMessage(text);
            try (SseStream frankIsHere = api.stream(room, token, null)) {
                browser.waitUntil("a notice says Frank joined", () -> browser.count("#items .note") > 0
                        && browser.text("#items .note").contains(frank + " joined"));
                assertEquals(204, api.typing(room, token).statusCode());
                browser.waitUntil("Frank is shown typing", () -> (Boolean) browser.js("return getComputedStyle(document.getElementById('typing')).opacity === '1'"));
                List<String> texts = browser.texts(".lang-switch.chip");
                browser.screenshot("language-switch-zh");
                List<String> allowed = new ArrayList<>(List.of(grace, frank, room, "lobby", text, "sse-chat", "Switch to English", "English", "Enter", "Shift"));
                allowed.addAll(browser.roomNames()); // the room directory lists other tests' rooms too

                assertEquals(List.of(), PageTexts.latinLeftovers(texts, allowed), "no English left after the switch: " + texts);
                assertEquals("English", browser.text(".lang-switch.chip"), "the switch offers the way back");
                assertTrue(browser.text("#items .note").contains(frank + " 加入了"), browser.text("#items .note"));
                assertEquals(List.of(), browser.consoleErrors());
            }
        }
    }

    @Test
    void enteringASmallRoomShowsItsNewestMessage() throws Exception {
        String room = ChatApi.uniqueRoom("small");
        String[] tokens = {api.token(ChatApi.uniqueName("hana")), api.token(ChatApi.uniqueName("ivan"))};
        int count = 24; // more than fit on the screen, fewer than a page: the log starts with "the very beginning of #room"
        for (int i = 1; i <= count; i++) {
            api.say(room, tokens[i % 2], "message " + i);
        }
        for (int width : new int[] {1280, 375}) {
            try (Browser browser = new Browser("en-US", width < 400)) {
                browser.resize(width, 800);
                joined(browser, ChatApi.uniqueName("judy")).goToRoom(room);
                browser.waitUntil("the room's history and its first line are shown",
                        () -> browser.messages().size() == count && !browser.text("#log-top").isEmpty());
                browser.settle();
                browser.screenshot("small-room-" + width);
                assertTrue(browser.showsNewest(), width + " px: scrolled to the end, the newest message in view");
                assertFalse(browser.visible("#jump"), width + " px: nothing to jump to");
            }
        }
    }

    @Test
    void pageIsLightAndPaintsFast() {
        try (Browser fresh = new Browser("en-US", false)) { // a new profile: nothing cached
            fresh.open(page());
            fresh.waitUntil("the join screen is painted", () -> fresh.visible("#join")
                    && (Boolean) fresh.js("return performance.getEntriesByName('first-contentful-paint').length > 0"));
            long bytes = ((Number) fresh.js("return performance.getEntriesByType('navigation').concat(performance.getEntriesByType('resource'))"
                    + ".filter(e => /(\\/|\\.js|\\.css)$/.test(new URL(e.name).pathname)).reduce((n, e) => n + e.decodedBodySize, 0)")).longValue();
            long paint = ((Number) fresh.js("return performance.getEntriesByName('first-contentful-paint')[0].startTime")).longValue();
            LOG.log(System.Logger.Level.INFO, "Chat page: {0} bytes of HTML, JS and CSS; first contentful paint after {1} ms", bytes, paint);
            // v1.1 (room directory, edits, links, mentions) took the page from about 64 to 81 kB
            assertTrue(bytes > 20_000 && bytes < 85_000, "page, scripts and styles stay small: " + bytes + " bytes");
            assertTrue(paint < 2_000, "first paint within 2 s on loopback: " + paint + " ms");
        }
    }

    @Test
    void theRoomListShowsTheDirectoryWithOnlineAndUnreadCounts() throws Exception {
        String quiet = ChatApi.uniqueRoom("later");
        String elsewhere = ChatApi.uniqueRoom("elsewhere");
        String here = ChatApi.uniqueRoom("here");
        alice.goToRoom(quiet); // read while empty: whatever comes later is unread
        bothIn(here);
        String dave = api.token(ChatApi.uniqueName("dave"));
        List.of("one", "two", "three").forEach(text -> api.say(quiet, dave, text));
        try (SseStream someone = api.stream(elsewhere, dave, null)) {
            alice.waitUntil("#" + quiet + " shows 3 unread and #" + elsewhere + " one online", () ->
                    "3".equals(alice.js("const a = document.querySelector('#room-list a[href=\"#' + arguments[0] + '\"] .unread'); return a && a.textContent", quiet))
                    && "1".equals(alice.js("const a = document.querySelector('#room-list a[href=\"#' + arguments[1] + '\"] .count'); return a && a.textContent", quiet, elsewhere)));
            assertEquals(here, alice.text("#room-list li:first-child .name"), "the open room comes first");
            assertEquals("2", alice.text("#room-list li:first-child .count"), "Alice and Bob are online here");
            alice.screenshot("room-list-unread-en");
            alice.goToRoom(quiet);
            alice.waitUntil("opening the room reads it", () -> alice.count("#room-list a[href='#" + quiet + "'] .unread") == 0);
        }
    }

    @Test
    void anAuthorEditsAndDeletesTheirMessageFromItsMenu() {
        String room = ChatApi.uniqueRoom("edit");
        bothIn(room);
        bob.send("helo wrold");
        alice.waitForMessage("helo wrold");
        assertEquals(0, alice.count("#items .actions"), "no menu on someone else's message");
        bob.js("document.querySelector('#items .msg.own .actions .edit').click()");
        bob.waitUntil("the box holds the message to edit", () -> "helo wrold".equals(bob.js("return document.getElementById('text').value")));
        bob.js("document.getElementById('text').value = ''");
        bob.send("hello world");
        for (Browser browser : new Browser[] {alice, bob}) {
            browser.waitUntil("the edit is shown", () -> browser.messages().equals(List.of("hello world")) && browser.count("#items .edited") == 1);
        }
        assertEquals("edited", alice.text("#items .edited"));
        assertEquals("已编辑", bob.text("#items .edited"));
        bob.screenshot("edited-zh-dark");
        bob.js("document.getElementById('text').focus()");
        bob.key(org.openqa.selenium.Keys.ARROW_UP);
        bob.waitUntil("Up edits the last own message", () -> "hello world".equals(bob.js("return document.getElementById('text').value")));
        bob.key(org.openqa.selenium.Keys.ESCAPE);
        bob.waitUntil("Esc gives the box back", () -> "".equals(bob.js("return document.getElementById('text').value")));
        bob.js("document.querySelector('#items .msg.own .actions .delete').click()");
        for (Browser browser : new Browser[] {alice, bob}) {
            browser.waitUntil("the message is gone, a trace is left", () -> browser.messages().isEmpty() && browser.count("#items .note[data-note=deleted]") == 1);
        }
        assertEquals("Message deleted", alice.text("#items .note[data-note=deleted] span"));
        assertEquals("消息已删除", bob.text("#items .note[data-note=deleted] span"));
    }

    @Test
    void onAPhoneALongPressOpensTheMenuOfOnesOwnMessage() {
        try (Browser phone = new Browser("zh-CN", true)) {
            phone.resize(375, 812);
            joined(phone, ChatApi.uniqueName("kim")).goToRoom(ChatApi.uniqueRoom("phone"));
            phone.send("https://example.org 长按我");
            phone.waitForMessage("https://example.org 长按我");
            assertFalse(phone.visible("#items .actions"), "the menu waits for a long press");
            phone.js("document.querySelector('#items .msg.own .text').dispatchEvent(new MouseEvent('contextmenu', { bubbles: true, cancelable: true }))");
            assertTrue(phone.visible("#items .actions .edit") && phone.visible("#items .actions .delete"));
            assertEquals("编辑", phone.text("#items .actions .edit"));
            assertTrue((Boolean) phone.js("const r = document.querySelector('#items .actions').getBoundingClientRect(); return r.left >= 0 && r.right <= innerWidth"),
                    "the menu fits the screen");
            phone.screenshot("message-menu-phone-zh-dark");
            assertEquals(List.of(), phone.consoleErrors());
        }
    }

    @Test
    void linksAreClickableOnlyForHttpAndJoinsCollapseIntoOneLine() throws Exception {
        String room = ChatApi.uniqueRoom("links");
        bothIn(room);
        String text = "see https://example.org/a?b=1&c=<x>. or javascript:alert(1) or <a href=x onclick=alert(1)>x</a>";
        alice.send(text);
        bob.waitForMessage(text);
        assertEquals(List.of("https://example.org/a?b=1&c="), bob.js("return [...document.querySelectorAll('#items .text a')].map(a => a.href)"));
        assertEquals("noopener noreferrer|_blank", bob.js("const a = document.querySelector('#items .text a'); return a.rel + '|' + a.target"));
        String carol = ChatApi.uniqueName("carol");
        String dave = ChatApi.uniqueName("dave");
        try (SseStream c = api.stream(room, api.token(carol), null); SseStream d = api.stream(room, api.token(dave), null)) {
            bob.waitUntil("both are online", () -> bob.onlineUsers().containsAll(List.of(carol, dave)));
            assertEquals(1, bob.count("#items .note"), "one notice for both");
            String note = bob.text("#items .note span");
            assertTrue(note.equals(carol + "、" + dave + " 加入了") || note.equals(dave + "、" + carol + " 加入了"), note);
        }
    }

    @Test
    void mentionsAreCompletedHighlightedAndNotified() {
        String room = ChatApi.uniqueRoom("mention");
        bothIn(room);
        alice.js("""
                window.shown = [];
                window.Notification = class { static permission = 'granted'; constructor(title, o) { window.shown.push(title + '|' + o.body); } };
                Object.defineProperty(document, 'hidden', { configurable: true, get: () => true });
                """);
        bob.js("document.getElementById('text').focus()");
        bob.type("@" + ALICE.substring(0, 4));
        bob.waitUntil("the online names are offered", () -> bob.count("#mentions li") == 1);
        assertEquals("@" + ALICE, bob.text("#mentions li"));
        bob.key(org.openqa.selenium.Keys.TAB);
        bob.type("看这里");
        bob.key(org.openqa.selenium.Keys.ENTER);
        alice.waitForMessage("@" + ALICE + " 看这里");
        assertEquals(1, alice.count("#items .mentions-me .mention-me"), "the mention is highlighted");
        assertEquals("inline", alice.js("return getComputedStyle(document.querySelector('#items .mention-me')).display"),
                "the mention stays in its line (the sidebar's .me box once styled it)");
        alice.waitUntil("a notification and a title badge", () -> ((List<?>) alice.js("return window.shown")).size() == 1);
        assertEquals(BOB + " mentioned you in #" + room + "|@" + ALICE + " 看这里", ((List<?>) alice.js("return window.shown")).get(0));
        assertTrue(((String) alice.js("return document.title")).startsWith("(1) "), (String) alice.js("return document.title"));
        alice.js("delete document.hidden; document.dispatchEvent(new Event('visibilitychange'))");
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
        bob.waitUntil("both are online in " + room + ", as bob sees it", () -> bob.onlineUsers().containsAll(List.of(ALICE, BOB)));
    }

    /** A moderator's kick of the user from the room. */
    private void kick(String user, String room) {
        moderate("api/admin/rooms/" + room + "/users/" + URLEncoder.encode(user, StandardCharsets.UTF_8));
    }

    /** DELETE as the admin of the test server. */
    private void moderate(String path) {
        admin("DELETE", path, null, 204);
    }

    /** A request as the admin of the test server (credentials from arquillian.xml), which must answer {@code status}. */
    private void admin(String method, String path, String json, int status) {
        String basic = Base64.getEncoder().encodeToString("it-admin:it-admin-password-0123456789".getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(api.uri(path)).header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json)).build();
        try {
            assertEquals(status, HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode(), method + " " + path);
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Payara Micro announces the machine's address; the test server listens on loopback only. */
    private URI page() {
        return api.uri("");
    }
}
