package io.uplink.acceptance;

import io.uplink.contracts.EventJson;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import tools.jackson.databind.JsonNode;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;

import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Debian's headless Chromium, driven through its ChromeDriver. The project installs both where they are missing
 * ({@code infra/browser/install-chromium}); where it cannot (not root), the browser tests are skipped loudly, except
 * in CI, where a missing browser fails them.
 */
final class ChromiumBrowser implements AutoCloseable {

    private static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("UPLINK_CHROMIUM", "/usr/bin/chromium"));
    private static final Path CHROMEDRIVER =
            Path.of(System.getenv().getOrDefault("UPLINK_CHROMEDRIVER", "/usr/bin/chromedriver"));
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private final ChromeDriver driver;

    private ChromiumBrowser(ChromeDriver driver) {
        this.driver = driver;
    }

    static ChromiumBrowser start(Path repository) {
        return start(repository, false);
    }

    /** A browser whose network events (ChromeDriver's performance log) the test reads with {@link #networkEvents()}. */
    static ChromiumBrowser startRecordingNetwork(Path repository) {
        return start(repository, true);
    }

    private static ChromiumBrowser start(Path repository, boolean recordNetwork) {
        ensureInstalled(repository);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1280,1000");
        if (recordNetwork) {
            LoggingPreferences logs = new LoggingPreferences();
            logs.enable(LogType.PERFORMANCE, Level.ALL);
            options.setCapability(ChromeOptions.LOGGING_PREFS, logs);
        }
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
        return new ChromiumBrowser(driver);
    }

    private static void ensureInstalled(Path repository) {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            int exit = Processes.run(repository, repository.resolve("infra/browser/install-chromium").toString());
            if (exit != 0 || !Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
                String why = "!!! BROWSER TESTS NOT RUN: Chromium or ChromeDriver is missing and could not be installed"
                        + " (infra/browser/install-chromium exited " + exit + "; it needs root).";
                System.err.println(why);
                if ("true".equals(System.getenv("CI"))) {
                    fail(why);
                }
                assumeTrue(false, why);
            }
        }
    }

    ChromeDriver driver() {
        return driver;
    }

    /**
     * The DevTools events ChromeDriver logged since the last call ({@code {"method": "Network.…", "params": …}}),
     * in order; only for a browser started with {@link #startRecordingNetwork(Path)}.
     */
    List<JsonNode> networkEvents() {
        List<JsonNode> events = new ArrayList<>();
        for (LogEntry entry : driver.manage().logs().get(LogType.PERFORMANCE)) {
            events.add(EventJson.mapper().readTree(entry.getMessage()).path("message"));
        }
        return events;
    }

    /** Saves what the page shows now as {@code target/screenshots/<name>.png}. */
    Path screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            File shot = driver.getScreenshotAs(OutputType.FILE);
            Path target = SCREENSHOTS.resolve(name + ".png");
            Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        driver.quit();
    }
}
