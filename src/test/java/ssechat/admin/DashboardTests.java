package ssechat.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import ssechat.it.ChatApi;
import ssechat.it.ChatServer;
import ssechat.it.PageTexts;
import ssechat.it.SseStream;

/**
 * The admin console in headless Chromium, while a few users chat: sign in, see the node and its
 * charts fill, delete a message. The screenshot is target/screenshots/admin-dashboard.png.
 */
public abstract class DashboardTests {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String NODE_ROW = "#node-table tr[data-node='" + StatsReader.NODE + "']";

    private final ChatApi api = ChatServer.api();

    @Test
    void dashboardSignsInShowsTheNodeAndDeletesAMessage() throws Exception {
        String busy = ChatApi.uniqueRoom("busy");
        String quiet = ChatApi.uniqueRoom("quiet");
        String token = api.token(ChatApi.uniqueName("dora"));
        api.say(quiet, token, "This one stays.");
        String doomed = api.say(quiet, token, "Buy cheap watches!!! (delete me)").getString("id");
        try (SseStream listener = api.stream(quiet, token, null);
             ChatLoad load = new ChatLoad(api.uri("").toURL(), busy, 3, 250);
             DashboardBrowser browser = new DashboardBrowser("en-US", 1440, 1360)) {
            browser.open(api.uri("admin/"));
            browser.signIn(AdminApi.USER, "not-the-password");
            browser.waitUntil("a wrong password is refused", () -> !browser.text("#login-error").isEmpty());
            browser.signIn(AdminApi.USER, AdminApi.PASSWORD);
            browser.waitUntil("the node is listed", () -> browser.visible(NODE_ROW));
            browser.waitUntil("the feed is live", () -> "live".equals(browser.js("return document.getElementById('live').dataset.state")));

            browser.click("#room-list li[data-key='" + quiet + "'] button");
            String row = "#msg-list li[data-key='" + doomed + "']";
            browser.waitUntil("the message is listed", () -> browser.visible(row));
            browser.click(row + " button.delete");
            browser.click(row + " button.delete.armed");
            browser.waitUntil("the message is gone from the dashboard", () -> !browser.visible(row));
            assertNotNull(listener.next("delete", WAIT), "the room's streams hear of the deletion");
            assertFalse(api.history(quiet, "").getValuesAs(JsonObject.class).stream().anyMatch(m -> doomed.equals(m.getString("id"))));

            browser.click("#room-list li[data-key='" + busy + "'] button");
            browser.waitUntil("the busy room's chatter is listed", () -> browser.count("#msg-list li") >= 5);
            browser.waitUntil("fifteen seconds of charts", () -> browser.chartPoints() >= 15);
            browser.screenshot("admin-dashboard");
            assertEquals(List.of(), browser.consoleErrors().stream().filter(e -> !e.contains("status of 401")).toList(),
                    "no errors but the refused sign-in");
        }
    }

    /** Phone-sized, Chinese, dark: ban from a room's user list, see the ban and the log, lift it, page the log. */
    @Test
    void consoleBansFromTheRoomViewAndListsBansAndTheLog() throws Exception {
        String room = ChatApi.uniqueRoom("console");
        String name = ChatApi.uniqueName("troll");
        String token = api.token(name);
        String reason = "<img src=x onerror=window.pwned=1> 刷屏";
        AdminApi admin = AdminApi.of(api);
        for (int i = 0; i < 21; i++) { // more than one page of the log (20)
            assertEquals(204, admin.delete("api/admin/rooms/" + room + "/users/" + ChatApi.uniqueName("filler")).statusCode());
        }
        try (SseStream stream = api.stream(room, token, null);
             DashboardBrowser browser = new DashboardBrowser("zh-CN", 800, 900)) {
            assertNotNull(stream.next("welcome", WAIT));
            browser.dark();
            browser.phone(375, 812);
            browser.open(api.uri("admin/"));
            browser.signIn(AdminApi.USER, AdminApi.PASSWORD);
            browser.waitUntil("the console is open", () -> browser.visible("#dash"));
            browser.type("#room-input", room);
            browser.click("#room-form button");
            String user = "#user-list li[data-key='" + name + "']";
            browser.waitUntil("the user is listed", () -> browser.visible(user));
            browser.click(user + " button.ban");
            assertEquals(name, browser.js("return document.getElementById('ban-name').value"));
            browser.type("#ban-minutes", "90");
            browser.type("#ban-reason", reason);
            browser.click("#ban-button");
            assertNotNull(stream.next("ended", WAIT), "the user's stream ends");
            browser.waitUntil("the ban is listed", () -> browser.text("#ban-list").contains(name) && browser.text("#ban-list").contains(reason));
            browser.waitUntil("the log shows the ban first", () -> browser.text("#audit-list li:first-child").contains(name)
                    && browser.text("#audit-list li:first-child").contains("封禁了"));
            assertEquals(0L, browser.count("#ban-list img, #audit-list img"), "no markup from data");
            assertEquals(null, browser.js("return window.pwned ?? null"));
            assertEquals(List.of(375L, 375L), browser.js("return [innerWidth, document.documentElement.scrollWidth]"),
                    "nothing is wider than the phone");
            browser.screenshot("admin-bans-phone-zh-dark");

            assertEquals(20L, browser.count("#audit-list li"), "one page of the log");
            browser.click("#audit-older");
            browser.waitUntil("the next page follows", () -> browser.count("#audit-list li") > 20);

            browser.click("#ban-list li button.danger");
            browser.click("#ban-list li button.danger.armed");
            browser.waitUntil("the ban is lifted", () -> !browser.text("#ban-list").contains(name));
            browser.waitUntil("the log shows the unban first", () -> browser.text("#audit-list li:first-child").contains("解除了封禁"));
            assertEquals(201, api.createSession("{\"name\":" + ChatApi.quote(name) + "}").statusCode(), "the name is free again");
            assertEquals(List.of(), browser.consoleErrors());
        }
    }

    @Test
    void signInSaysHowLongToWaitAfterTooManyFailures() throws Exception {
        String guess = ChatApi.uniqueName("guess");
        try (DashboardBrowser browser = new DashboardBrowser("zh-CN", 1024, 768)) {
            browser.open(api.uri("admin/"));
            // Five failures are allowed; the sixth blocks for 1 s, doubled per further failure. On a
            // busy machine a try can take longer than the block, so keep trying until told to wait.
            boolean toldToWait = false;
            for (int i = 0; i < 8 && !toldToWait; i++) {
                browser.js("document.getElementById('login-error').textContent = ''");
                browser.signIn(guess, "wrong-password-" + i);
                browser.waitUntil("an answer to try " + i, () -> !browser.text("#login-error").isEmpty());
                toldToWait = browser.text("#login-error").contains("秒后再试");
            }
            assertTrue(toldToWait, "within eight wrong tries the page is told to wait: " + browser.text("#login-error"));
            browser.screenshot("admin-throttled");
            // the page comes from 127.0.0.1, as other browser tests do: wait out the block and sign
            // in, which clears the address's failures
            for (int i = 0; i < 30 && !browser.visible("#dash"); i++) {
                Thread.sleep(1000);
                browser.js("document.getElementById('login-error').textContent = ''");
                browser.signIn(AdminApi.USER, AdminApi.PASSWORD);
                browser.waitUntil("an answer to the sign-in", () -> browser.visible("#dash") || !browser.text("#login-error").isEmpty());
            }
            assertTrue(browser.visible("#dash"), "signed in after the wait: " + browser.text("#login-error"));
        }
    }

    @Test
    void everyTextFollowsTheLanguageSwitch() throws Exception {
        String room = ChatApi.uniqueRoom("lang");
        String kim = ChatApi.uniqueName("kim");
        String token = api.token(kim);
        String text = "a message for the console";
        api.say(room, token, text);
        List<String> allowed = List.of(AdminApi.USER, StatsReader.NODE, kim, room, text,
                "sse-chat", "Switch to English", "English", "Redis", "CHAT_ADMIN_PASSWORD", "p50", "p90", "p99", "MiB", "ID");
        try (SseStream kimIsHere = api.stream(room, token, null);
             DashboardBrowser browser = new DashboardBrowser("en-US", 1440, 1360)) {
            browser.open(api.uri("admin/"));
            browser.signIn(AdminApi.USER, "not-the-password");
            browser.waitUntil("a wrong password is refused", () -> !browser.text("#login-error").isEmpty());
            List<String> login = browser.texts(".lang-switch.link");
            assertEquals(List.of(), PageTexts.latinLeftovers(login, allowed), "sign-in screen in Chinese: " + login);
            browser.texts(".lang-switch.link"); // back to English

            browser.signIn(AdminApi.USER, AdminApi.PASSWORD);
            browser.waitUntil("the node is listed", () -> browser.visible(NODE_ROW));
            browser.waitUntil("the feed is live", () -> "live".equals(browser.js("return document.getElementById('live').dataset.state")));
            browser.click("#room-list li[data-key='" + room + "'] button");
            browser.waitUntil("the room's message is listed", () -> browser.text("#msg-list").contains(text));
            List<String> texts = browser.texts(".lang-switch.chip"); // read before the next second's stats redraw anything
            browser.screenshot("admin-dashboard-zh");
            List<String> names = new ArrayList<>(allowed);
            names.addAll(browser.roomNames()); // other tests' rooms with open streams
            names.addAll(auditData()); // other tests' moderation: names, rooms, reasons
            assertEquals(List.of(), PageTexts.latinLeftovers(texts, names), "no English left after the switch: " + texts);
            assertEquals("English", browser.text(".lang-switch.chip"), "the switch offers the way back");
            assertTrue(browser.text("#live-text").equals("实时"), browser.text("#live-text"));
            assertEquals(List.of(), browser.consoleErrors().stream().filter(e -> !e.contains("status of 401")).toList());
        }
    }

    /** What the moderation log shows as data, not as the console's own words: who, whom, where, why. */
    private List<String> auditData() {
        List<String> data = new ArrayList<>();
        String log = AdminApi.with(api, AdminApi.USER, AdminApi.PASSWORD).get("api/admin/audit?count=200").body();
        for (JsonObject entry : ChatApi.jsonArray(log).getValuesAs(JsonObject.class)) {
            for (String field : List.of("admin", "target", "room", "detail")) {
                if (entry.containsKey(field) && !entry.isNull(field)) {
                    data.add(entry.getString(field));
                }
            }
        }
        return data;
    }
}
