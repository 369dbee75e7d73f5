package ai.adoption.e2e;

import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;

/**
 * Debian's headless Chromium driven by Selenium through Debian's chromedriver, both given by path
 * ({@code /usr/bin/chromium}, {@code /usr/bin/chromedriver}): Selenium Manager is never asked for a driver or a
 * browser, so nothing is downloaded. {@code e2e-tests/ensure-chromium.sh} installs the two packages first when
 * they are missing (as root, with apt-get) or fails saying how. A 1366x768 window: a laptop screen.
 */
final class Browser implements AutoCloseable {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    final ChromeDriver driver;
    private final ChromeDriverService service;

    private Browser(ChromeDriverService service, ChromeDriver driver) {
        this.service = service;
        this.driver = driver;
    }

    static Browser start(Path repositoryRoot) throws IOException, InterruptedException {
        ensureChromium(repositoryRoot.resolve("e2e-tests/ensure-chromium.sh"));
        Path logs = Files.createDirectories(repositoryRoot.resolve("e2e-tests/target/e2e-logs"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .withLogFile(logs.resolve("chromedriver.log").toFile())
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--window-size=1366,768", "--no-sandbox", "--disable-dev-shm-usage",
                "--disable-gpu", "--no-first-run", "--no-default-browser-check", "--disable-extensions",
                "--lang=en-GB");
        LoggingPreferences consoleLog = new LoggingPreferences();
        consoleLog.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", consoleLog);
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30)).scriptTimeout(Duration.ofSeconds(10));
        return new Browser(service, driver);
    }

    /** The browser console's entries since the last call (the log is drained by reading it). */
    List<LogEntry> console() {
        return driver.manage().logs().get(LogType.BROWSER).getAll();
    }

    /** What the console said at SEVERE level (errors, uncaught exceptions, failed loads) since the last call. */
    List<String> consoleErrors() {
        return console().stream().filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(e -> e.getLevel() + " " + e.getMessage()).toList();
    }

    /** A PNG of the window (1366x768) at {@code target}. */
    Path screenshot(Path target) throws IOException {
        File png = driver.getScreenshotAs(OutputType.FILE);
        Files.createDirectories(target.getParent());
        Files.copy(png.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
        return target;
    }

    /**
     * A PNG of the page as a window of {@code width} x {@code height} CSS pixels shows it (the DevTools protocol's
     * device metrics, reset afterwards): taller than a laptop's, to show every section at once.
     */
    Path screenshotAt(int width, int height, Path target) throws IOException {
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", width, "height", height,
                "deviceScaleFactor", 1, "mobile", false));
        try {
            return screenshot(target);
        } finally {
            driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            service.stop();
        }
    }

    private static void ensureChromium(Path script) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("sh", script.toString()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(15, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException(script + " did not end:\n" + output);
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException(script + " failed (exit " + process.exitValue() + "):\n" + output);
        }
    }
}
