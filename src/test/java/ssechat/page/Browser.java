package ssechat.page;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import ssechat.it.HeadlessChromium;
import ssechat.it.PageTexts;

/** The chat page in one headless Debian Chromium, used as a person would use it. */
final class Browser implements AutoCloseable {

    private final HeadlessChromium chromium;
    private final ChromeDriver driver;

    /** language: the browser's preferred language ("en-US", "zh-CN"); dark: prefers-color-scheme. */
    Browser(String language, boolean dark) {
        chromium = new HeadlessChromium(language, 1280, 800, Duration.ofSeconds(15));
        driver = chromium.driver();
        if (dark) {
            driver.executeCdpCommand("Emulation.setEmulatedMedia",
                    Map.of("features", List.of(Map.of("name", "prefers-color-scheme", "value", "dark"))));
        }
    }

    void open(URI page) {
        driver.get(page.toString());
    }

    void join(String name) {
        submitJoin(name);
        waitUntil("the chat opens and its stream is connected", () -> "connected".equals(connection()));
    }

    /** Types the name into the join screen and presses Enter. */
    void submitJoin(String name) {
        WebElement input = waitFor(By.id("join-name"));
        input.clear();
        input.sendKeys(name, Keys.ENTER);
    }

    void click(String css) {
        waitFor(By.cssSelector(css)).click();
    }

    void goToRoom(String room) {
        WebElement menu = driver.findElement(By.id("open-rooms"));
        if (menu.isDisplayed()) {
            menu.click(); // phone-sized: the rooms are in a drawer
        }
        WebElement input = waitFor(By.id("room-input"));
        input.sendKeys(room, Keys.ENTER);
        waitUntil("#" + room + " is open and connected", () -> room.equals(text("#room-label")) && "connected".equals(connection()));
    }

    /** Types the lines into the message box (Shift+Enter between them) and presses Enter. */
    void send(String... lines) {
        WebElement box = driver.findElement(By.id("text"));
        for (int i = 0; i < lines.length; i++) {
            box.sendKeys(lines[i]);
            box.sendKeys(i < lines.length - 1 ? Keys.chord(Keys.SHIFT, Keys.ENTER) : Keys.ENTER);
        }
    }

    /** Types into the element that has the focus. */
    void type(CharSequence... keys) {
        driver.switchTo().activeElement().sendKeys(keys);
    }

    void key(Keys key) {
        type(key);
    }

    @SuppressWarnings("unchecked")
    List<String> messages() {
        return (List<String>) js("return [...document.querySelectorAll('#items .msg .text')].map(e => e.textContent)");
    }

    @SuppressWarnings("unchecked")
    List<String> roomNames() {
        return (List<String>) js("return [...document.querySelectorAll('#room-list .name')].map(e => e.textContent)");
    }

    @SuppressWarnings("unchecked")
    List<String> onlineUsers() {
        return (List<String>) js("return [...document.querySelectorAll('#user-list .name')].map(e => e.textContent)");
    }

    void waitForMessage(String text) {
        waitUntil("the message " + text + " is shown", () -> messages().contains(text));
    }

    /** Every text the page shows (see {@link PageTexts}), right after clicking {@code click} if not null. */
    List<String> texts(String click) {
        return PageTexts.collect(driver, click);
    }

    /** The message log is scrolled to its very end and its newest message is in view. */
    boolean showsNewest() {
        return (Boolean) js("""
                const log = document.getElementById('log');
                const msgs = log.querySelectorAll('.msg');
                const last = msgs[msgs.length - 1].getBoundingClientRect();
                const box = log.getBoundingClientRect();
                return log.scrollTop + log.clientHeight >= log.scrollHeight - 1 && last.top >= box.top && last.bottom <= box.bottom + 1;
                """);
    }

    /** Waits for two frames, so that resize observers and layout have run. */
    void settle() {
        driver.executeAsyncScript("const done = arguments[0]; requestAnimationFrame(() => requestAnimationFrame(() => done()))");
    }

    String connection() {
        return (String) js("return document.getElementById('conn').dataset.state");
    }

    String text(String css) {
        return (String) js("return document.querySelector(arguments[0]).textContent", css);
    }

    boolean visible(String css) {
        return driver.findElement(By.cssSelector(css)).isDisplayed();
    }

    int count(String css) {
        return driver.findElements(By.cssSelector(css)).size();
    }

    Object js(String script, Object... args) {
        return driver.executeScript(script, args);
    }

    void reload() {
        driver.navigate().refresh();
    }

    void resize(int width, int height) {
        driver.manage().window().setSize(new Dimension(width, height));
    }

    /** Emulated offline fails new requests only; an open stream stays open until something closes it. */
    void network(boolean online) {
        driver.executeCdpCommand("Network.enable", Map.of());
        driver.executeCdpCommand("Network.emulateNetworkConditions",
                Map.of("offline", !online, "latency", 0, "downloadThroughput", -1, "uploadThroughput", -1));
    }

    boolean alertShown() {
        try {
            driver.switchTo().alert();
            return true;
        } catch (NoAlertPresentException e) {
            return false;
        }
    }

    List<String> consoleErrors() {
        return chromium.consoleErrors();
    }

    void screenshot(String name) {
        chromium.screenshot(name);
    }

    void waitUntil(String what, BooleanSupplier condition) {
        chromium.waitUntil(what, condition);
    }

    private WebElement waitFor(By by) {
        return chromium.waitFor(by);
    }

    @Override
    public void close() {
        chromium.close();
    }
}
