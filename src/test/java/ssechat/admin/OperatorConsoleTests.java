package ssechat.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;
import ssechat.it.ChatApi;
import ssechat.it.ChatServer;
import ssechat.it.TestRedis;
import ssechat.redis.control.Keys;

/**
 * The console for operators in headless Chromium: charts that open filled from the nodes' history
 * (a node gone a while ago included), and the room inspector (any room by name, history paged
 * backwards, filtered by user, ids on demand, delete) at 375 px in dark mode, in Chinese.
 * Screenshots: target/screenshots/admin-history.png and admin-inspector.png.
 */
public abstract class OperatorConsoleTests extends DashboardTests {

    private final ChatApi api = ChatServer.api();

    @Test
    void chartsOpenFilledFromTheNodesHistory() throws Exception {
        String ghost = ChatApi.uniqueName("ghost");
        long now = System.currentTimeMillis();
        try (RedisClient redis = TestRedis.client()) {
            for (int i = 60; i >= 1; i--) {
                long at = now - i * 5000L;
                redis.zadd(Keys.nodeHistory(ghost), at, sampleJson(at, i));
            }
            redis.zadd(Keys.STATS_HISTORY_NODES, now - 5000, ghost);
            redis.pexpire(Keys.nodeHistory(ghost), 120_000);
        }
        try (DashboardBrowser browser = new DashboardBrowser("en-US", 1440, 1000)) {
            browser.open(api.uri("admin/"));
            browser.signIn(AdminApi.USER, AdminApi.PASSWORD);
            browser.waitUntil("the feed is live", () -> "live".equals(browser.js("return document.getElementById('live').dataset.state")));
            assertTrue(browser.chartPoints() >= 55, "five minutes of 5 s samples drawn before the first seconds of live figures: "
                    + browser.chartPoints());
            assertTrue(browser.text("#chart-streams .legend").contains(ghost), "a node gone from the cluster still has its line");
            assertTrue(browser.visible("#chart-range button[aria-pressed=true][data-minutes='15']"), "15 minutes shown unless asked");

            browser.click("#chart-range button[data-minutes='1.5']");
            browser.waitUntil("90 s of samples", () -> browser.chartPoints() >= 15 && browser.chartPoints() < 55);
            browser.click("#chart-range button[data-minutes='60']");
            browser.waitUntil("the hour again", () -> browser.chartPoints() >= 55);
            browser.screenshot("admin-history");
            assertEquals(List.of(), browser.consoleErrors());
        }
    }

    @Test
    void roomInspectorPagesFiltersShowsIdsOnDemandAndDeletes() throws Exception {
        String room = ChatApi.uniqueRoom("inspect");
        List<String> names = List.of(ChatApi.uniqueName("ann"), ChatApi.uniqueName("bob"), ChatApi.uniqueName("cyd"));
        List<ChatApi> writers = new ArrayList<>();
        List<String> tokens = new ArrayList<>();
        for (String name : names) {
            ChatApi writer = api.from(ChatApi.uniqueAddress());
            writers.add(writer);
            tokens.add(writer.token(name));
        }
        List<JsonObject> posted = new ArrayList<>();
        for (int i = 0; i < 45; i++) {
            String text = i == 1 ? "<img src=x onerror=alert(1)> 第一条" : "message " + i;
            posted.add(writers.get(i % 3).say(room, tokens.get(i % 3), text));
        }
        String bob = names.get(1);
        String bobsFirst = posted.get(1).getString("id");
        String row = "#msg-list li[data-key='" + bobsFirst + "']";

        try (DashboardBrowser browser = new DashboardBrowser("zh-CN", 375, 812)) {
            browser.darkMode();
            browser.open(api.uri("admin/"));
            browser.signIn(AdminApi.USER, AdminApi.PASSWORD);
            browser.waitUntil("signed in", () -> browser.visible("#dash"));
            browser.type("#room-input", room);
            browser.click("#room-form button");
            browser.waitUntil("the latest 30 messages of a room without streams", () -> browser.count("#msg-list li") == 30);
            assertFalse(browser.visible("#msg-list .id"), "ids only on demand");
            assertFalse(browser.visible(row), "the oldest messages are on an older page");
            assertEquals("加载更早的消息", browser.text("#load-older"));

            browser.click("#load-older");
            browser.waitUntil("the older page", () -> browser.count("#msg-list li") == 45);
            browser.waitUntil("nothing older", () -> !browser.visible("#load-older") && browser.visible("#all-loaded"));

            browser.type("#msg-filter", bob);
            browser.waitUntil("only bob's messages", () -> browser.count("#msg-list li") == 15);
            assertEquals(List.of(bob), browser.js("return [...new Set([...document.querySelectorAll('#msg-list .who')].map(e => e.textContent))]"));
            assertTrue(browser.text("#msg-shown").contains("15"), browser.text("#msg-shown"));
            assertEquals(0L, browser.count("#msg-list img"), "a message is text, never markup");
            assertTrue(browser.text(row + " .text").startsWith("<img src=x"));

            browser.click("#show-ids");
            browser.waitUntil("ids shown", () -> browser.visible(row + " .id"));
            assertEquals(bobsFirst, browser.text(row + " .id"));

            browser.click(row + " button.delete");
            browser.click(row + " button.delete.armed");
            browser.waitUntil("the message is gone from the inspector", () -> !browser.visible(row));
            assertFalse(api.history(room, "?count=200").getValuesAs(JsonObject.class).stream()
                    .anyMatch(m -> bobsFirst.equals(m.getString("id"))), "and from the room's history");
            browser.waitUntil("bob's other messages stay", () -> browser.count("#msg-list li") == 14);

            assertTrue((Boolean) browser.js("return document.documentElement.scrollWidth <= window.innerWidth"),
                    "nothing wider than 375 px: " + browser.js("return document.documentElement.scrollWidth"));
            assertEquals("rgb(15, 17, 23)", browser.js("return getComputedStyle(document.body).backgroundColor"), "dark colours");
            browser.js("document.getElementById('room-detail').scrollIntoView()");
            browser.screenshot("admin-inspector");
            assertEquals(List.of(), browser.consoleErrors());
        }
    }

    private static String sampleJson(long at, int i) {
        return "{\"at\":" + at + ",\"uptimeSeconds\":" + (600 - i * 5) + ",\"streams\":" + (i % 7) + ",\"onlineUsers\":3,"
                + "\"messages\":{\"published\":" + (1000 - i) + ",\"delivered\":" + (3000 - i) + ",\"publishedPerSecond\":1.5,"
                + "\"deliveredPerSecond\":4.5},\"latencyMillis\":{\"p50\":3,\"p90\":7,\"p99\":" + (i == 30 ? 900 : 12) + "},"
                + "\"droppedStreams\":0,\"redis\":{\"state\":\"UP\",\"roundTripMillis\":0.4,\"subscribed\":true},"
                + "\"heap\":{\"usedBytes\":" + (100_000_000 + i * 1_000_000L) + ",\"maxBytes\":800000000}}";
    }
}
