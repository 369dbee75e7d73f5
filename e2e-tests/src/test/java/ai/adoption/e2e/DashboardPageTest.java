package ai.adoption.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.openqa.selenium.TimeoutException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static ai.adoption.e2e.AcrossServices.RUN;
import static ai.adoption.e2e.Api.expect;
import static ai.adoption.e2e.Api.send;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The adoption dashboard (dashboard-service's page) in a real headless Chromium, against the four services as
 * processes ({@link AcrossServices}): one browser and one signed-in page for all the tests, in order. The page is
 * signed in as a compliance officer, who sees every department's items, so the feed it shows is the whole feed:
 * its ids must be consecutive.
 */
@ExtendWith(AcrossServices.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class DashboardPageTest {

    /** Submitted over REST, shown in the browser's feed and funnel within this: the requirement. */
    private static final Duration SHOWN_WITHIN = Duration.ofSeconds(2);
    private static final Duration CATCH_UP = Duration.ofSeconds(60);
    private static final Path TARGET = Path.of(System.getProperty("e2e.repository-root", "..")).toAbsolutePath().normalize()
            .resolve("e2e-tests/target");

    private static final String OFFICER = Api.token("carla-" + RUN, "compliance-officer", null);
    private static Browser browser;
    private static DashboardPage page;
    private static int ideas;

    /** On a failure: the window as a PNG and what the console said, beside the services' logs. */
    @RegisterExtension
    static final TestExecutionExceptionHandler SHOW_THE_PAGE = (context, failure) -> {
        if (browser != null) {
            try {
                Path png = browser.screenshot(TARGET.resolve("e2e-logs/dashboard-" + context.getDisplayName()
                        .replaceAll("[^A-Za-z0-9]+", "-") + ".png"));
                System.err.println("==== the page at the failure: " + png + "; its console: ====");
                browser.console().forEach(entry -> System.err.println(entry.getLevel() + " " + entry.getMessage()));
            } catch (RuntimeException | java.io.IOException e) {
                System.err.println("(no screenshot: " + e + ")");
            }
        }
        throw failure;
    };

    @BeforeAll
    static void openTheBrowser() throws Exception {
        browser = Browser.start(TARGET.getParent().getParent());
        DashboardPage.recordEventSources(browser.driver);
        page = new DashboardPage(browser.driver, AcrossServices.dashboard().baseUrl());
    }

    @AfterAll
    static void closeTheBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    @Order(1)
    void thePageLoadsAndSignsInWithoutAConsoleError() {
        browser.console(); // drained: only this page's messages count
        page.open();
        page.signIn(OFFICER);
        page.until(Duration.ofSeconds(10), d -> page.funnel("submitted") >= 0 && page.snapshotFeedId() >= 0);

        assertEquals(List.of(), browser.consoleErrors());
    }

    @Test
    @Order(2)
    void anIdeaSubmittedOverRestShowsInTheFeedAndInTheFunnelWithinTwoSeconds() throws Exception {
        // the first idea after the start passes cold paths (the relay's first Kafka transaction, the consumers'
        // first fetches, code not compiled yet): the requirement is about a running system, so one goes first
        String first = submitIdea("live-" + RUN);
        page.until(CATCH_UP, d -> page.feedMentions(first));
        awaitCaughtUp();
        long submitted = page.funnel("submitted");

        String title = submitIdea("live-" + RUN);
        long sent = System.nanoTime();

        try {
            page.until(SHOWN_WITHIN, title + " in the feed and submitted " + (submitted + 1),
                    d -> page.feedMentions(title) && page.funnel("submitted") == submitted + 1);
        } catch (TimeoutException late) {
            page.until(CATCH_UP, d -> page.feedMentions(title));
            long inFeed = Duration.ofNanos(System.nanoTime() - sent).toMillis();
            page.until(CATCH_UP, d -> page.funnel("submitted") == submitted + 1);
            long inFunnel = Duration.ofNanos(System.nanoTime() - sent).toMillis();
            fail("Not shown within " + SHOWN_WITHIN + ": in the feed after " + inFeed + " ms, in the funnel after " + inFunnel + " ms");
        }
    }

    @Test
    @Order(3)
    void theDepartmentFilterShowsOneDepartmentsFunnelAndFeed() throws Exception {
        String a = "filter-a-" + RUN;
        String b = "filter-b-" + RUN;
        List<String> ofA = List.of(submitIdea(a), submitIdea(a));
        String ofB = submitIdea(b);
        // new departments join the filter as the feed names them
        page.until(CATCH_UP, d -> page.departmentOptions().containsAll(List.of(a, b))
                && ofA.stream().allMatch(page::feedMentions) && page.feedMentions(ofB));

        page.chooseDepartment(a);
        assertEquals(2, page.funnel("submitted"));
        assertOnly(a, page.feed());
        assertTrue(ofA.stream().allMatch(page::feedMentions), "both of " + a + "'s ideas are in its feed");

        page.chooseDepartment(b);
        assertEquals(1, page.funnel("submitted"));
        assertOnly(b, page.feed());
        assertTrue(page.feedMentions(ofB), b + "'s idea is in its feed");

        page.chooseDepartment("");
        assertTrue(page.feedMentions(ofB) && ofA.stream().allMatch(page::feedMentions), "every department again");
    }

    @Test
    @Order(4)
    void aDroppedConnectionResumesWithoutAGapOrADuplicate() throws Exception {
        long before = showingANewIdea();
        ServiceProcess dashboard = AcrossServices.dashboard();

        // the service goes away under the open stream; ideas are submitted while it is down ...
        dashboard.stop(Duration.ofSeconds(40));
        page.until(Duration.ofSeconds(30), d -> !"live".equals(page.connectionState()));
        List<String> whileDown = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            whileDown.add(submitIdea("resume-" + RUN));
        }
        // ... and it comes back: the page reconnects with a fresh ticket and the last id it showed
        dashboard.startAgain(AcrossServices.READY);
        page.until(CATCH_UP, "live again, with " + whileDown,
                d -> "live".equals(page.connectionState()) && whileDown.stream().allMatch(page::feedMentions));
        String afterwards = submitIdea("resume-" + RUN);
        page.until(CATCH_UP, d -> page.feedMentions(afterwards));

        awaitCaughtUp();
        assertConsecutiveFrom(before, page.feedIds());
    }

    @Test
    @Order(5)
    void aStreamDroppedInTheBrowserResumesWithoutAGapOrADuplicate() throws Exception {
        long before = showingANewIdea();

        // the connection drops, and the page cannot get a new ticket until the ideas below are in the feed
        DashboardPage.blockStreamTickets(browser.driver, true);
        List<String> whileDropped = new ArrayList<>();
        try {
            assertEquals(1, page.dropStream(), "one open stream was dropped");
            page.until(Duration.ofSeconds(10), d -> !"live".equals(page.connectionState()));
            for (int i = 0; i < 3; i++) {
                whileDropped.add(submitIdea("drop-" + RUN));
            }
            page.until(CATCH_UP, d -> serviceFeedMentions(before, whileDropped));
            assertTrue(whileDropped.stream().noneMatch(page::feedMentions), "nothing arrives while the stream is down");
        } finally {
            DashboardPage.blockStreamTickets(browser.driver, false);
        }

        page.until(CATCH_UP, "live again, with " + whileDropped,
                d -> "live".equals(page.connectionState()) && whileDropped.stream().allMatch(page::feedMentions));
        awaitCaughtUp();
        assertConsecutiveFrom(before, page.feedIds());
    }

    @Test
    @Order(6)
    void aScreenshotOfTheDashboardIsWritten() throws Exception {
        // a department further down the funnel: two ideas approved, one of them in an experiment, one rejected
        String department = "marketing-" + RUN;
        String approver = Api.token("noah-" + RUN, "approver", department);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            ids.add(submitIdeaId(department));
        }
        for (String id : ids.subList(0, 2)) {
            expect(200, send(AcrossServices.experiments(), "POST", "/ideas/" + id + "/approve", approver, Map.of(
                    "funding", Map.of("centralBudgetAmount", 4000, "currency", "EUR", "businessUnitCommitted", true,
                            "businessUnit", "Marketing"),
                    "comment", "Worth a six-week pilot")));
        }
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        expect(201, send(AcrossServices.experiments(), "POST", "/experiments", approver, Map.of(
                "ideaId", ids.get(0), "lead", "mia-" + RUN, "scope", "Spring campaign e-mails only",
                "tool", "ChatGPT Enterprise", "startDate", today.toString(), "plannedEndDate", today.plusWeeks(6).toString(),
                "successCriteria", List.of("First drafts in under 2 hours"),
                "businessUnitFunding", Map.of("businessUnit", "Marketing", "committedBy", "head-of-marketing",
                        "amount", 12000, "currency", "EUR"))));
        expect(200, send(AcrossServices.experiments(), "POST", "/ideas/" + ids.get(2) + "/reject", approver, Map.of(
                "reason", "UNRELIABLE_OUTPUT", "explanation", "It invented figures", "revisitAfter", "PT1S")));
        // and an idea naming a tool nobody approved: governance raises a finding on it
        expect(201, send(AcrossServices.experiments(), "POST", "/ideas", Api.token("eve-" + RUN, "employee", department), Map.of(
                "title", "Draft campaign copy " + RUN, "problem", "The first draft of each campaign's copy takes two days",
                "aiTool", "Unvetted Copywriter " + RUN, "dataClassification", "INTERNAL", "benefitCategory", "EFFICIENCY",
                "department", department)));
        // governance registers the experiment as an AI system (its events follow the experiment's)
        page.until(CATCH_UP, d -> page.funnel("experimentStarted") >= 1 && page.funnel("rejected") >= 1
                && page.feed().stream().map(e -> e.get("type")).toList().containsAll(List.of("ai-system.registered", "finding.raised")));
        awaitCaughtUp();

        browser.driver.executeScript("document.activeElement.blur()");
        Path laptop = browser.screenshot(TARGET.resolve("dashboard.png"));
        Path whole = browser.screenshotAt(1366, 1000, TARGET.resolve("dashboard-1366x1000.png"));

        for (Path png : List.of(laptop, whole)) {
            byte[] bytes = Files.readAllBytes(png);
            assertTrue(bytes.length > 10_000, png + " is " + bytes.length + " bytes");
            assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, java.util.Arrays.copyOf(bytes, 4), png + " is a PNG");
        }
    }

    // ------------------------------------------------------------------------------------------------------------

    /** Submits an idea, waits until the page shows it and has caught up; returns the newest feed id shown. */
    private static long showingANewIdea() throws Exception {
        String title = submitIdea("before-" + RUN);
        page.until(CATCH_UP, d -> page.feedMentions(title));
        awaitCaughtUp();
        return page.feedIds().get(0);
    }

    /** Waits until the page shows the newest feed item and a snapshot taken at it. */
    private static void awaitCaughtUp() {
        page.until(CATCH_UP, "the newest feed item and a snapshot at it", d -> {
            long latest = latestFeedId();
            List<Long> shown = page.feedIds();
            return page.snapshotFeedId() == latest && (latest == 0 || (!shown.isEmpty() && shown.get(0) == latest));
        });
    }

    /** The service's feed (REST) has, after {@code after}, an item about each of {@code titles}. */
    private static boolean serviceFeedMentions(long after, List<String> titles) {
        try {
            JsonNode page = expect(200, send(AcrossServices.dashboard(), "GET", "/dashboard/activity?limit=500&after=" + after,
                    OFFICER, null));
            return titles.stream().allMatch(title -> page.path("items").findValuesAsText("title").contains(title));
        } catch (java.io.IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static long latestFeedId() {
        try {
            JsonNode page = expect(200, send(AcrossServices.dashboard(), "GET", "/dashboard/activity?after=0&limit=1", OFFICER, null));
            return page.path("latest").asLong();
        } catch (java.io.IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Submits an idea to experiments-service as an employee of {@code department}; returns its (unique) title. */
    private static String submitIdea(String department) throws Exception {
        return submit(department).path("title").asText();
    }

    private static String submitIdeaId(String department) throws Exception {
        return submit(department).path("id").asText();
    }

    private static JsonNode submit(String department) throws Exception {
        String title = "Dashboard idea " + (++ideas) + " " + RUN;
        JsonNode idea = expect(201, send(AcrossServices.experiments(), "POST", "/ideas", Api.token("eve-" + RUN, "employee", department),
                Map.of("title", title,
                        "problem", "Answering the same supplier questions by hand every week",
                        "aiTool", "ChatGPT Enterprise", "dataClassification", "INTERNAL", "benefitCategory", "EFFICIENCY",
                        "department", department)));
        assertEquals(title, idea.path("title").asText(), idea.toString());
        return idea;
    }

    /** The feed shows {@code before} and every id after it up to the newest, each once: no gap, no duplicate. */
    private static void assertConsecutiveFrom(long before, List<Long> ids) {
        assertEquals(ids.size(), new HashSet<>(ids).size(), "no feed id twice: " + ids);
        assertTrue(ids.contains(before), "the items from before the drop are still shown: " + ids);
        long newest = ids.get(0);
        long[] expected = new long[ids.size()];
        for (int i = 0; i < expected.length; i++) {
            expected[i] = newest - i;
        }
        assertArrayEquals(expected, ids.stream().mapToLong(Long::longValue).toArray(), "consecutive ids, newest first: " + ids);
    }

    private static void assertOnly(String department, List<Map<String, Object>> feed) {
        assertTrue(!feed.isEmpty(), "the feed of " + department + " is not empty");
        for (Map<String, Object> entry : feed) {
            assertEquals(department, entry.get("department"), "only " + department + " in its feed: " + feed);
        }
    }
}
