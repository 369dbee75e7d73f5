package ai.adoption.e2e;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The dashboard page as a person uses it: paste a token and sign in, pick a department, read the funnel and the
 * live feed. Actions go through real input (typing, clicking, choosing an option); reads take the DOM in one
 * script call, so a list is read at one instant.
 */
final class DashboardPage {

    private final WebDriver driver;
    private final String url;

    /**
     * Before any page loads: every EventSource the page opens is remembered, so that {@link #dropStream} can cut it
     * the way a lost connection does (closed, then an {@code error} event). The page's code is not changed: it
     * constructs the same EventSource, a subclass that only records itself.
     */
    static void recordEventSources(ChromeDriver driver) {
        driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", """
                (() => {
                  const opened = [];
                  window.EventSource = class extends window.EventSource {
                    constructor(...args) { super(...args); opened.push(this); }
                  };
                  window.__e2eDropStreams = () => {
                    let dropped = 0;
                    for (const source of opened.splice(0)) {
                      if (source.readyState !== 2) { source.close(); source.dispatchEvent(new Event('error')); dropped++; }
                    }
                    return dropped;
                  };
                })();"""));
    }

    DashboardPage(WebDriver driver, String baseUrl) {
        this.driver = driver;
        this.url = baseUrl + "/";
    }

    /** Cuts the page's open stream as a lost connection would; returns how many were open (1 when live). */
    long dropStream() {
        return ((Number) script("return window.__e2eDropStreams()")).longValue();
    }

    /** Fails the page's requests for stream tickets (as the network would), or lets them through again. */
    static void blockStreamTickets(ChromeDriver driver, boolean blocked) {
        driver.executeCdpCommand("Network.enable", Map.of());
        driver.executeCdpCommand("Network.setBlockedURLs", Map.of("urls", blocked ? List.of("*/dashboard/stream-tickets*") : List.of()));
    }

    void open() {
        driver.get(url);
        until(Duration.ofSeconds(10), d -> d.findElement(By.id("token")).isDisplayed());
    }

    /** Pastes the token into the sign-in box, signs in, and waits until the live stream is connected. */
    void signIn(String token) {
        WebElement input = driver.findElement(By.id("token"));
        input.clear();
        input.sendKeys(token);
        driver.findElement(By.cssSelector("#sign-in button[type=submit]")).click();
        awaitLive(Duration.ofSeconds(30));
    }

    void awaitLive(Duration timeout) {
        until(timeout, d -> "live".equals(connectionState()));
    }

    String connectionState() {
        return (String) script("return document.getElementById('connection').dataset.state");
    }

    /** Chooses a department in the filter ("" for all); waits until the page reloaded for it and is live again. */
    void chooseDepartment(String id) {
        long before = reloads();
        // the options are replaced when a new department appears in the feed: choose again if they were
        until(Duration.ofSeconds(10), d -> {
            new Select(d.findElement(By.id("department"))).selectByValue(id);
            return true;
        });
        until(Duration.ofSeconds(30), d -> reloads() > before && "live".equals(connectionState()));
    }

    @SuppressWarnings("unchecked")
    List<String> departmentOptions() {
        return (List<String>) script("return [...document.getElementById('department').options].map(o => o.value)");
    }

    /** This period's count of a funnel step (e.g. {@code submitted}), as rendered. */
    long funnel(String step) {
        Object value = script("const cell = document.querySelector('[data-step=\"' + arguments[0] + '\"] .current');"
                + "return cell ? Number(cell.dataset.count) : -1", step);
        return ((Number) value).longValue();
    }

    /** The feed id the rendered snapshot was taken at. */
    long snapshotFeedId() {
        Object value = script("return Number(document.getElementById('as-of').dataset.feedId || -1)");
        return ((Number) value).longValue();
    }

    /** The feed entries on the page, newest first: id, type, department and text of each. */
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> feed() {
        return (List<Map<String, Object>>) script("return [...document.querySelectorAll('#feed li[data-id]')].map(li => ({"
                + "id: Number(li.dataset.id), type: li.dataset.type, department: li.dataset.department, text: li.textContent}))");
    }

    List<Long> feedIds() {
        return feed().stream().map(e -> ((Number) e.get("id")).longValue()).toList();
    }

    boolean feedMentions(String text) {
        return feed().stream().anyMatch(e -> String.valueOf(e.get("text")).contains(text));
    }

    /** How many times the page has loaded its snapshot for a filter (counts sign-ins and filter changes). */
    long reloads() {
        return ((Number) script("return Number(document.getElementById('board').dataset.loads || 0)")).longValue();
    }

    <T> T until(Duration timeout, Function<WebDriver, T> condition) {
        return until(timeout, "the page", condition);
    }

    /** Waits for {@code condition}; a timeout names {@code what} and the page's state. */
    <T> T until(Duration timeout, String what, Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, timeout, Duration.ofMillis(50)).ignoring(StaleElementReferenceException.class)
                .withMessage(() -> what + "; the page: connection " + connectionState() + ", feed ids " + feedIds()
                        + ", submitted " + funnel("submitted") + ", snapshot at feed id " + snapshotFeedId())
                .until(condition);
    }

    private Object script(String script, Object... arguments) {
        return ((JavascriptExecutor) driver).executeScript(script, arguments);
    }
}
