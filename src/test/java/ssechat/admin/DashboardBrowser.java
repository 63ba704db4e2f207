package ssechat.admin;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import ssechat.it.HeadlessChromium;
import ssechat.it.PageTexts;

/** The admin console in one headless Debian Chromium, used as an operator would. */
final class DashboardBrowser implements AutoCloseable {

    private final HeadlessChromium chromium;
    private final ChromeDriver driver;

    DashboardBrowser(String language, int width, int height) {
        chromium = new HeadlessChromium(language, width, height, Duration.ofSeconds(20));
        driver = chromium.driver();
    }

    /** prefers-color-scheme: dark. */
    void dark() {
        driver.executeCdpCommand("Emulation.setEmulatedMedia",
                java.util.Map.of("features", List.of(java.util.Map.of("name", "prefers-color-scheme", "value", "dark"))));
    }

    /** A phone's viewport ({@code width} CSS pixels): a window cannot be made that narrow. */
    void phone(int width, int height) {
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                java.util.Map.of("width", width, "height", height, "deviceScaleFactor", 2, "mobile", true));
    }

    /** Types into a field, replacing what it held. */
    void type(String css, String text) {
        WebElement field = waitFor(By.cssSelector(css));
        field.clear();
        field.sendKeys(text);
    }

    void open(URI page) {
        driver.get(page.toString());
    }

    void signIn(String user, String password) {
        WebElement name = waitFor(By.id("login-user"));
        name.clear();
        name.sendKeys(user);
        WebElement secret = driver.findElement(By.id("login-password"));
        secret.clear();
        secret.sendKeys(password, Keys.ENTER);
    }

    void click(String css) {
        waitFor(By.cssSelector(css)).click();
    }

    /** Renders the page as a system in dark mode would ({@code prefers-color-scheme: dark}). */
    void darkMode() {
        driver.executeCdpCommand("Emulation.setEmulatedMedia",
                Map.of("features", List.of(Map.of("name", "prefers-color-scheme", "value", "dark"))));
    }

    String text(String css) {
        return (String) js("return document.querySelector(arguments[0])?.textContent ?? ''", css);
    }

    /** Asked in the page, as the panels redraw themselves every second. */
    boolean visible(String css) {
        return (Boolean) js("const e = document.querySelector(arguments[0]); return !!e && e.getClientRects().length > 0", css);
    }

    long count(String css) {
        return (Long) js("return document.querySelectorAll(arguments[0]).length", css);
    }

    /** The fewest points any chart has drawn per line. */
    long chartPoints() {
        return (Long) js("return Math.min(...[...document.querySelectorAll('.chart')].map(f => Number(f.dataset.points || 0)))");
    }

    /** Every text the console shows (see {@link PageTexts}), right after clicking {@code click} if not null. */
    List<String> texts(String click) {
        return PageTexts.collect(driver, click);
    }

    @SuppressWarnings("unchecked")
    List<String> roomNames() {
        return (List<String>) js("return [...document.querySelectorAll('#room-list .name')].map(e => e.textContent)");
    }

    Object js(String script, Object... args) {
        return driver.executeScript(script, args);
    }

    List<String> consoleErrors() {
        return chromium.consoleErrors();
    }

    Path screenshot(String name) {
        return chromium.screenshot(name);
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
