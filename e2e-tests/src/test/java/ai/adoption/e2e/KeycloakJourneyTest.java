package ai.adoption.e2e;

import ai.adoption.testinfra.DevTokens;
import ai.adoption.testinfra.KafkaResource;
import ai.adoption.testinfra.PostgresResource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.TestWatcher;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static ai.adoption.e2e.Api.expect;
import static ai.adoption.e2e.Api.poll;
import static ai.adoption.e2e.Api.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Real identity across services: the development Keycloak of {@code deploy/keycloak/} (started by the same script
 * as {@code deploy/run.sh --keycloak}) issues the tokens, and experiments-service and governance-service, as real
 * processes, accept them by configuration alone: {@code MP_JWT_VERIFY_PUBLICKEY_LOCATION} = the realm's JWKS,
 * {@code MP_JWT_VERIFY_ISSUER} = the realm's issuer. Their own topics ({@code e2e-kc-<random>.*}) and databases, so
 * nothing is shared with the dev-token services of {@link AcrossServices}; everything is stopped after the class.
 *
 * <p>Three people of the realm with different roles and departments: alice (employee, finance) submits, governance
 * raises a finding that cora (compliance officer) reads there, carol (approver, marketing) may not decide a finance
 * idea (403), bob (approver, finance) approves it, and the idea records bob's Keycloak subject as the decider.
 * A token of another application of the same realm (no {@code aud=ai-adoption}) and a dev token are 401.
 */
@ExtendWith(KeycloakJourneyTest.PrintLogsOnFailure.class)
class KeycloakJourneyTest {

    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final String PREFIX = "e2e-kc-" + RUN;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static KeycloakServer keycloak;
    private static final List<ServiceProcess> services = new ArrayList<>();
    private static ServiceProcess experiments;
    private static ServiceProcess governance;
    private static ServiceProcess dashboard;

    @BeforeAll
    static void start() throws Exception {
        Path root = Path.of(System.getProperty("e2e.repository-root", "..")).toAbsolutePath().normalize();
        Path logs = root.resolve("e2e-tests/target/e2e-logs/keycloak-journey");
        String kafka = KafkaResource.bootstrapServers();
        try (Admin admin = KafkaResource.newAdmin()) {
            List<NewTopic> topics = new ArrayList<>();
            for (String stream : AcrossServices.STREAMS) {
                topics.add(new NewTopic(PREFIX + "." + stream, 1, (short) 1));
            }
            admin.createTopics(topics).all().get(60, TimeUnit.SECONDS);
        }
        PostgresResource.Database experimentsDb = PostgresResource.newDatabase("e2e_kc_experiments");
        PostgresResource.Database governanceDb = PostgresResource.newDatabase("e2e_kc_governance");
        PostgresResource.Database dashboardDb = PostgresResource.newDatabase("e2e_kc_dashboard");

        keycloak = KeycloakServer.start(root);
        try {
            Map<String, String> experimentsProps = common();
            consume(experimentsProps, "experiments", "revisit-events", "case");
            consume(experimentsProps, "experiments", "finding-events", "finding");
            consume(experimentsProps, "experiments", "tool-events", "tool");
            experiments = launch("experiments-service", root, experimentsDb, kafka, experimentsProps, logs);
            Map<String, String> governanceProps = common();
            consume(governanceProps, "governance", "idea-events", "idea");
            consume(governanceProps, "governance", "experiment-events", "experiment");
            governance = launch("governance-service", root, governanceDb, kafka, governanceProps, logs);
            // the dashboard reads every stream; its page signs in through the realm's public client
            Map<String, String> dashboardProps = common();
            AcrossServices.dashboardReadsEveryStream(dashboardProps, PREFIX);
            dashboard = launch("dashboard-service", root, dashboardDb, kafka, dashboardProps, logs, Map.of(
                    "DASHBOARD_OIDC_ISSUER", keycloak.issuer(),
                    "DASHBOARD_OIDC_CLIENT_ID", KeycloakServer.DASHBOARD_CLIENT));
            for (ServiceProcess service : services) {
                service.awaitReady(AcrossServices.READY);
            }
        } catch (Throwable t) {
            printLogs("start failed: " + t);
            stop();
            throw t;
        }
    }

    @AfterAll
    static void stop() {
        for (ServiceProcess service : services) {
            service.terminate();
        }
        for (ServiceProcess service : services) {
            service.close();
        }
        if (keycloak != null) {
            keycloak.close();
        }
    }

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void keycloakPeopleSubmitDecideAndReadAcrossServices() throws Exception {
        String alice = keycloak.token("alice");   // employee, finance
        String bob = keycloak.token("bob");       // approver, finance
        String carol = keycloak.token("carol");   // approver, marketing
        String cora = keycloak.token("cora");     // compliance-officer
        String tool = "Ledger Summariser " + RUN;

        // alice submits: the department comes from her token's department claim
        JsonNode idea = expect(201, send(experiments, "POST", "/ideas", alice, Map.of(
                "title", "Try " + tool, "problem", "Month-end reconciliation notes take a day to write",
                "aiTool", tool, "dataClassification", "INTERNAL", "benefitCategory", "EFFICIENCY")));
        String ideaId = idea.path("id").asText();
        assertEquals("finance", idea.path("department").asText(), idea.toString());

        // governance consumed idea.submitted: the tool is not approved; cora reads the finding there
        JsonNode findings = poll("governance's finding on alice's idea",
                () -> send(governance, "GET", "/findings?ideaId=" + ideaId, cora, null),
                r -> r.status() == 200 && r.json().path("findings").size() > 0).path("findings");
        assertEquals("TOOL_NOT_APPROVED", findings.path(0).path("kind").asText(), findings.toString());
        assertEquals("finance", findings.path(0).path("department").asText(), findings.toString());
        // ... and experiments-service consumed finding.raised (so no consumer write races the decisions below)
        poll("the finding on the idea in experiments-service", () -> send(experiments, "GET", "/ideas/" + ideaId, alice, null),
                r -> r.status() == 200 && r.json().path("findings").size() > 0);

        // carol approves for marketing, not finance: 403
        Map<String, Object> approval = Map.of("comment", "Worth a pilot once the tool is approved");
        Api.Reply wrongDepartment = send(experiments, "POST", "/ideas/" + ideaId + "/approve", carol, approval);
        assertEquals(403, wrongDepartment.status(), wrongDepartment.body());
        assertEquals("SUBMITTED", expect(200, send(experiments, "GET", "/ideas/" + ideaId, cora, null)).path("status").asText());

        // bob, finance's approver, approves; the decider is his Keycloak subject
        JsonNode approved = expect(200, send(experiments, "POST", "/ideas/" + ideaId + "/approve", bob, approval));
        assertEquals("APPROVED", approved.path("status").asText(), approved.toString());
        assertEquals(claims(bob).path("sub").asText(), approved.path("decidedBy").asText(), approved.toString());
        assertEquals(claims(alice).path("sub").asText(), approved.path("submitter").asText(), approved.toString());
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void aTokenOfAnotherAudienceOrIssuerIs401AndADepartmentlessEmployeeCannotSubmit() throws Exception {
        // reporting-tool: same realm, same key, same roles and department claim, but not aud=ai-adoption
        String otherAudience = keycloak.token("alice", KeycloakServer.OTHER_CLIENT, KeycloakServer.OTHER_SECRET);
        assertEquals("finance", claims(otherAudience).path("department").asText());
        assertTrue(!claims(otherAudience).path("aud").toString().contains("\"ai-adoption\""), claims(otherAudience).toString());
        Api.Reply refused = send(experiments, "GET", "/ideas", otherAudience, null);
        assertEquals(401, refused.status(), refused.body());
        assertEquals(401, send(governance, "GET", "/findings", otherAudience, null).status());

        // a dev token (dev key, issuer ai-adoption-dev) is not Keycloak's: 401
        String dev = DevTokens.mint("alice", Set.of("employee"), "finance");
        assertEquals(401, send(experiments, "GET", "/ideas", dev, null).status());

        // nora is an employee without a department attribute: her token has no department claim
        String nora = keycloak.token("nora");
        assertTrue(claims(nora).path("department").isMissingNode(), claims(nora).toString());
        Api.Reply noDepartment = send(experiments, "POST", "/ideas", nora, Map.of(
                "title", "Anything", "problem", "Any department's problem", "aiTool", "Some tool " + RUN,
                "dataClassification", "INTERNAL", "benefitCategory", "EFFICIENCY", "department", "finance"));
        assertEquals(403, noDepartment.status(), noDepartment.body());
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void aKeycloakTokenIsVerifiedOnceAndThenServedFromTheTokenCache() throws Exception {
        String mia = keycloak.token("mia");   // employee, marketing
        double before = cacheHits(experiments);
        for (int i = 0; i < 3; i++) {
            expect(200, send(experiments, "GET", "/ideas?department=marketing", mia, null));
        }
        assertTrue(cacheHits(experiments) >= before + 2, "the same Keycloak token served from the cache");
    }

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void theDashboardPageSignsInThroughKeycloakAndSignsOutThere() throws Exception {
        String origin = dashboard.baseUrl().replaceAll("/+$", "");
        keycloak.allowDashboardAt(origin);
        Path root = Path.of(System.getProperty("e2e.repository-root", "..")).toAbsolutePath().normalize();
        try (Browser browser = Browser.start(root)) {
            ChromeDriver driver = browser.driver;
            WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));
            driver.get(origin + "/");
            // the service names the realm: the page offers Keycloak, and still the token box
            wait.until(d -> d.findElement(By.id("sign-in-oidc")).isDisplayed());
            assertTrue(driver.findElement(By.id("token")).isDisplayed());
            driver.findElement(By.id("sign-in-oidc")).click();

            // Keycloak's login form, filled as cora (compliance officer: she sees every department)
            wait.until(d -> d.getCurrentUrl().startsWith(keycloak.issuer()) && !d.findElements(By.id("username")).isEmpty());
            driver.findElement(By.id("username")).sendKeys("cora");
            driver.findElement(By.id("password")).sendKeys(KeycloakServer.PASSWORD);
            driver.findElement(By.id("kc-login")).click();

            // back on the page, signed in: the user shown, the summary loaded (200), the code gone from the address
            wait.until(d -> d.getCurrentUrl().startsWith(origin) && d.findElement(By.id("signed-in")).isDisplayed());
            assertEquals("cora", driver.findElement(By.id("who")).getText());
            wait.until(d -> d.findElement(By.id("board")).getAttribute("data-loads") != null);
            Object summaryStatus = driver.executeScript("return performance.getEntriesByType('resource')"
                    + ".filter(e => e.name.includes('/dashboard/summary')).map(e => e.responseStatus)[0]");
            assertEquals(200L, summaryStatus);
            assertTrue(!driver.getCurrentUrl().contains("code=") && !driver.getCurrentUrl().contains("state="),
                    driver.getCurrentUrl());
            assertTrue(!driver.findElement(By.id("problem")).isDisplayed(), driver.findElement(By.id("problem")).getText());
            browser.screenshot(root.resolve("e2e-tests/target/e2e-logs/dashboard-keycloak-signed-in.png"));
            List<String> errors = browser.consoleErrors();
            assertEquals(List.of(), errors);

            // signing out ends the Keycloak session too: signing in again asks for the password again
            driver.findElement(By.id("sign-out")).click();
            wait.until(d -> d.getCurrentUrl().startsWith(origin) && d.findElement(By.id("sign-in-oidc")).isDisplayed());
            driver.findElement(By.id("sign-in-oidc")).click();
            wait.until(d -> d.getCurrentUrl().startsWith(keycloak.issuer()) && !d.findElements(By.id("username")).isEmpty());
        }
    }

    // --- helpers -------------------------------------------------------------------------------------------

    /** The unverified claims of a token. */
    private static JsonNode claims(String token) throws Exception {
        return JSON.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1]));
    }

    private static final Pattern HITS = Pattern.compile("^eventsourcing_token_cache_total\\{result=\"hit\"[^}]*}\\s+(\\S+)$",
            Pattern.MULTILINE);

    private static double cacheHits(ServiceProcess service) throws Exception {
        HttpResponse<String> metrics = HTTP.send(HttpRequest.newBuilder(URI.create(service.baseUrl() + "/q/metrics")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher m = HITS.matcher(metrics.body());
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    private static ServiceProcess launch(String name, Path root, PostgresResource.Database db, String kafka,
                                         Map<String, String> properties, Path logs) {
        return launch(name, root, db, kafka, properties, logs, Map.of());
    }

    private static ServiceProcess launch(String name, Path root, PostgresResource.Database db, String kafka,
                                         Map<String, String> properties, Path logs, Map<String, String> more) {
        Map<String, String> env = new HashMap<>(more);
        env.putAll(Map.of(
                "QUARKUS_DATASOURCE_JDBC_URL", db.jdbcUrl(),
                "QUARKUS_DATASOURCE_REACTIVE_URL", db.reactiveUrl(),
                "QUARKUS_DATASOURCE_USERNAME", db.user(),
                "QUARKUS_DATASOURCE_PASSWORD", db.password(),
                "KAFKA_BOOTSTRAP_SERVERS", kafka,
                "EVENTSOURCING_RELAY_TOPIC_PREFIX", PREFIX,
                // Keycloak by configuration alone
                "MP_JWT_VERIFY_PUBLICKEY_LOCATION", keycloak.jwks(),
                "MP_JWT_VERIFY_ISSUER", keycloak.issuer()));
        ServiceProcess service = ServiceProcess.start(name, root.resolve(name + "/target/quarkus-app/quarkus-run.jar"),
                env, properties, logs);
        services.add(service);
        return service;
    }

    private static Map<String, String> common() {
        Map<String, String> properties = new HashMap<>();
        properties.put("eventsourcing.relay.poll-interval", "500ms");
        return properties;
    }

    /** A consumed channel on this class's topic {@code <prefix>.<stream>}, group {@code <prefix>-<service>}. */
    private static void consume(Map<String, String> properties, String service, String channel, String stream) {
        String incoming = "mp.messaging.incoming." + channel + ".";
        properties.put(incoming + "topic", PREFIX + "." + stream);
        properties.put(incoming + "group.id", PREFIX + "-" + service);
        properties.put(incoming + "dead-letter-queue.topic", PREFIX + "." + service + "." + channel + ".dlt");
    }

    /** A failed test prints the services' logs and the tail of Keycloak's. */
    static final class PrintLogsOnFailure implements TestWatcher {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            printLogs(context.getDisplayName() + " failed: " + cause);
        }
    }

    private static void printLogs(String why) {
        System.err.println("==== " + why + " ====");
        for (ServiceProcess service : services) {
            System.err.println("==== log of " + service.name() + " (" + service.logFile() + ") ====");
            System.err.println(service.log());
        }
        Optional.ofNullable(keycloak).map(KeycloakServer::logFile).filter(Files::isRegularFile).ifPresent(log -> {
            try {
                List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
                System.err.println("==== last lines of " + log + " ====");
                lines.subList(Math.max(0, lines.size() - 60), lines.size()).forEach(System.err::println);
            } catch (Exception e) {
                System.err.println("(Keycloak log unreadable: " + e + ")");
            }
        });
    }
}
