package ssechat.admin;

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
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The admin console in one headless Debian Chromium, used as an operator would. */
final class DashboardBrowser implements AutoCloseable {

    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private final ChromeDriver driver;
    private final Path profile;

    DashboardBrowser(String language, int width, int height) {
        System.setProperty("webdriver.chrome.driver", "/usr/bin/chromedriver");
        try {
            profile = Files.createTempDirectory("sse-chat-admin-chromium");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile, "--window-size=" + width + "," + height, "--lang=" + language);
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", language));
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        driver = new ChromeDriver(options);
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

    Object js(String script, Object... args) {
        return driver.executeScript(script, args);
    }

    List<String> consoleErrors() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage)
                .toList();
    }

    Path screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path file = SCREENSHOTS.resolve(name + ".png");
            Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), file, StandardCopyOption.REPLACE_EXISTING);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void waitUntil(String what, BooleanSupplier condition) {
        new WebDriverWait(driver, Duration.ofSeconds(20)).withMessage(what).until(d -> condition.getAsBoolean());
    }

    private WebElement waitFor(By by) {
        return new WebDriverWait(driver, Duration.ofSeconds(15)).until(d -> {
            List<WebElement> found = d.findElements(by);
            return !found.isEmpty() && found.get(0).isDisplayed() ? found.get(0) : null;
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
