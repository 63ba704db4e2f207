package ssechat.page;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/** One headless Debian Chromium (never a downloaded browser) showing the chat page, as a person would use it. */
final class Browser implements AutoCloseable {

    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    /** Selenium warns that it has no CDP bindings for this Chromium; raw CDP commands through ChromeDriver work without them. */
    private static final List<Logger> QUIET = Stream.of("org.openqa.selenium.devtools", "org.openqa.selenium.chromium")
            .map(Logger::getLogger).peek(logger -> logger.setLevel(Level.SEVERE)).toList();

    private final ChromeDriver driver;
    private final Path profile;

    /** language: the browser's preferred language ("en-US", "zh-CN"); dark: prefers-color-scheme. */
    Browser(String language, boolean dark) {
        System.setProperty("webdriver.chrome.driver", "/usr/bin/chromedriver");
        try {
            profile = Files.createTempDirectory("sse-chat-chromium");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile, "--window-size=1280,800", "--lang=" + language);
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", language));
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        driver = new ChromeDriver(options);
        if (dark) {
            driver.executeCdpCommand("Emulation.setEmulatedMedia",
                    Map.of("features", List.of(Map.of("name", "prefers-color-scheme", "value", "dark"))));
        }
    }

    void open(URI page) {
        driver.get(page.toString());
    }

    void join(String name) {
        WebElement input = waitFor(By.id("join-name"));
        input.clear();
        input.sendKeys(name, Keys.ENTER);
        waitUntil("the chat opens and its stream is connected", () -> "connected".equals(connection()));
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

    @SuppressWarnings("unchecked")
    List<String> messages() {
        return (List<String>) js("return [...document.querySelectorAll('#items .msg .text')].map(e => e.textContent)");
    }

    @SuppressWarnings("unchecked")
    List<String> onlineUsers() {
        return (List<String>) js("return [...document.querySelectorAll('#user-list .name')].map(e => e.textContent)");
    }

    void waitForMessage(String text) {
        waitUntil("the message " + text + " is shown", () -> messages().contains(text));
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
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage)
                .toList();
    }

    void screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), SCREENSHOTS.resolve(name + ".png"),
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void waitUntil(String what, BooleanSupplier condition) {
        new WebDriverWait(driver, Duration.ofSeconds(15)).withMessage(what).until(d -> condition.getAsBoolean());
    }

    private WebElement waitFor(By by) {
        return new WebDriverWait(driver, Duration.ofSeconds(15)).until(d -> {
            WebElement element = d.findElement(by);
            return element.isDisplayed() ? element : null;
        });
    }

    @Override
    public void close() {
        driver.quit();
        try (var files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
