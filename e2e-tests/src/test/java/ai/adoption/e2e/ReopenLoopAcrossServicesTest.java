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

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The reopen loop across both services, each its packaged jar in its own process, on one embedded PostgreSQL
 * (a fresh database each) and one Kafka KRaft broker, with topic names unique to this run:
 * an employee submits an idea (experiments-service), the approver rejects it with {@code revisitAfter=PT5S},
 * revisit-service consumes {@code idea.rejected} and lists the case, its scheduler fires {@code revisit.due},
 * the ambassador finds the idea feasible now, and experiments-service consumes {@code revisit.reopened}: the
 * idea is SUBMITTED again, its history ending in {@code idea.reopened} caused by the revisit event.
 */
class ReopenLoopAcrossServicesTest {

    private static final Duration READY = Duration.ofSeconds(150);
    private static final Duration STEP = Duration.ofSeconds(60);
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final String PREFIX = "e2e-" + RUN;
    private static final String DEPARTMENT = "finance-" + RUN;
    private static final String TOOL = "ChatGPT Enterprise";

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<ServiceProcess> SERVICES = new ArrayList<>();

    private static ServiceProcess experiments;
    private static ServiceProcess revisit;

    @BeforeAll
    static void startBothServices() throws Exception {
        Path root = Path.of(System.getProperty("e2e.repository-root", "..")).toAbsolutePath().normalize();
        Path logs = root.resolve("e2e-tests/target/e2e-logs");
        try {
            String kafka = KafkaResource.bootstrapServers();
            try (Admin admin = KafkaResource.newAdmin()) {
                // created up front: no consumer waits for a topic's first metadata
                List<NewTopic> topics = new ArrayList<>();
                for (String stream : List.of("idea", "experiment", "case", "policy")) {
                    topics.add(new NewTopic(PREFIX + "." + stream, 1, (short) 1));
                }
                admin.createTopics(topics).all().get(60, TimeUnit.SECONDS);
            }
            PostgresResource.Database experimentsDb = PostgresResource.newDatabase("e2e_experiments");
            PostgresResource.Database revisitDb = PostgresResource.newDatabase("e2e_revisit");

            Map<String, String> experimentsProps = new HashMap<>(common());
            experimentsProps.put("mp.messaging.incoming.revisit-events.topic", PREFIX + ".case");
            experimentsProps.put("mp.messaging.incoming.revisit-events.group.id", PREFIX + "-experiments");
            experimentsProps.put("mp.messaging.incoming.revisit-events.dead-letter-queue.topic", PREFIX + ".experiments.revisit-events.dlt");
            experiments = ServiceProcess.start("experiments-service",
                    root.resolve("experiments-service/target/quarkus-app/quarkus-run.jar"),
                    env(root, experimentsDb, kafka), experimentsProps, logs);
            SERVICES.add(experiments);

            Map<String, String> revisitProps = new HashMap<>(common());
            revisitProps.put("mp.messaging.incoming.idea-events.topic", PREFIX + ".idea");
            revisitProps.put("mp.messaging.incoming.idea-events.group.id", PREFIX + "-revisit");
            revisitProps.put("mp.messaging.incoming.experiment-events.group.id", PREFIX + "-revisit");
            revisitProps.put("mp.messaging.incoming.idea-events.dead-letter-queue.topic", PREFIX + ".revisit.idea-events.dlt");
            revisitProps.put("mp.messaging.incoming.experiment-events.topic", PREFIX + ".experiment");
            revisitProps.put("mp.messaging.incoming.experiment-events.dead-letter-queue.topic", PREFIX + ".revisit.experiment-events.dlt");
            revisitProps.put("revisit.scheduler.max-sleep", "10s");
            revisit = ServiceProcess.start("revisit-service", root.resolve("revisit-service/target/quarkus-app/quarkus-run.jar"),
                    env(root, revisitDb, kafka), revisitProps, logs);
            SERVICES.add(revisit);

            experiments.awaitReady(READY);
            revisit.awaitReady(READY);
        } catch (Throwable t) {
            printLogs("start failed: " + t);
            throw t;
        }
    }

    @AfterAll
    static void stopBothServices() {
        for (ServiceProcess service : SERVICES) {
            service.close();
        }
    }

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void aRejectedIdeaComesDueAndAnAmbassadorReopensItInExperimentsService() throws Exception {
        try {
            String employee = token("alice-" + RUN, "employee");
            String approver = token("fiona-" + RUN, "approver");
            String ambassador = token("anna-" + RUN, "ambassador");

            // 1. submit (experiments-service)
            JsonNode idea = expect(201, send(experiments, "POST", "/ideas", employee, Map.of(
                    "title", "Summarise supplier contracts " + RUN,
                    "problem", "Reading 40-page contracts to find renewal dates takes hours every month",
                    "aiTool", TOOL, "dataClassification", "CONFIDENTIAL", "benefitCategory", "EFFICIENCY",
                    "department", DEPARTMENT)));
            String ideaId = idea.path("id").asText();

            // 2. reject, to be revisited after 5 seconds
            JsonNode rejected = expect(200, send(experiments, "POST", "/ideas/" + ideaId + "/reject", approver, Map.of(
                    "reason", "UNRELIABLE_OUTPUT", "explanation", "It invented a renewal date", "revisitAfter", "PT5S")));
            assertEquals("REJECTED", rejected.path("status").asText(), rejected.toString());

            // 3. revisit-service consumed idea.rejected: the case is on the list ...
            String list = "/revisits?department=" + URLEncoder.encode(DEPARTMENT, StandardCharsets.UTF_8)
                    + "&tool=" + URLEncoder.encode(TOOL, StandardCharsets.UTF_8);
            JsonNode listed = poll("the case on the revisit list", () -> send(revisit, "GET", list, ambassador, null),
                    r -> r.status == 200 && caseOf(r.json, ideaId) != null);
            String caseId = caseOf(listed, ideaId).path("id").asText();

            // ... and its scheduler makes it DUE once the 5 s have passed
            JsonNode due = poll("the case DUE", () -> send(revisit, "GET", "/revisits/" + caseId, ambassador, null),
                    r -> r.status == 200 && "DUE".equals(r.json.path("status").asText()));
            assertEquals(1, due.path("cycle").asInt(), due.toString());

            // 4. the ambassador: feasible now
            JsonNode evaluated = expect(201, send(revisit, "POST", "/revisits/" + caseId + "/evaluations", ambassador,
                    Map.of("verdict", "NOW_FEASIBLE", "notes", "The EU-hosted tenant hallucinates far less")));
            assertEquals("CLOSED", evaluated.path("status").asText(), evaluated.toString());
            assertEquals("REOPENED", evaluated.path("closure").asText(), evaluated.toString());
            JsonNode caseHistory = expect(200, send(revisit, "GET", "/revisits/" + caseId + "/history", ambassador, null));
            JsonNode reopenedEvent = ofType(caseHistory, "ai.adoption.revisit.reopened.v1");
            assertNotNull(reopenedEvent, "revisit.reopened in the case history: " + caseHistory);
            assertNotNull(ofType(caseHistory, "ai.adoption.revisit.due.v1"), "revisit.due in the case history: " + caseHistory);

            // 5. experiments-service consumed revisit.reopened: SUBMITTED again, for a fresh decision
            JsonNode reopened = poll("the idea SUBMITTED again", () -> send(experiments, "GET", "/ideas/" + ideaId, employee, null),
                    r -> r.status == 200 && "SUBMITTED".equals(r.json.path("status").asText()));
            assertEquals(1, reopened.path("reopenCount").asInt(), reopened.toString());
            assertEquals(caseId, reopened.path("revisitCaseId").asText(), reopened.toString());

            JsonNode history = expect(200, send(experiments, "GET", "/ideas/" + ideaId + "/history", employee, null));
            List<String> types = new ArrayList<>();
            history.forEach(e -> types.add(e.path("type").asText()));
            assertEquals(List.of("ai.adoption.idea.submitted.v1", "ai.adoption.idea.rejected.v1", "ai.adoption.idea.reopened.v1"),
                    types, history.toString());
            assertEquals(reopenedEvent.path("eventId").asText(), history.get(2).path("causationId").asText(),
                    "idea.reopened is caused by the revisit.reopened event: " + history);
        } catch (Throwable t) {
            printLogs("test failed: " + t);
            throw t;
        }
    }

    // --- configuration of the two processes ---------------------------------------------------------------

    private static Map<String, String> env(Path root, PostgresResource.Database db, String kafka) {
        return Map.of(
                "QUARKUS_DATASOURCE_JDBC_URL", db.jdbcUrl(),
                "QUARKUS_DATASOURCE_REACTIVE_URL", db.reactiveUrl(),
                "QUARKUS_DATASOURCE_USERNAME", db.user(),
                "QUARKUS_DATASOURCE_PASSWORD", db.password(),
                "KAFKA_BOOTSTRAP_SERVERS", kafka,
                "EVENTSOURCING_RELAY_TOPIC_PREFIX", PREFIX,
                "MP_JWT_VERIFY_PUBLICKEY_LOCATION", root.resolve("deploy/dev-keys/dev-public-key.pem").toString(),
                "MP_JWT_VERIFY_ISSUER", DevTokens.ISSUER);
    }

    private static Map<String, String> common() {
        return Map.of("eventsourcing.relay.poll-interval", "500ms");
    }

    // --- HTTP ------------------------------------------------------------------------------------------------

    private record Reply(int status, JsonNode json, String body) {
    }

    private interface Call {
        Reply call() throws Exception;
    }

    private static String token(String subject, String role) {
        return DevTokens.mint(subject, Set.of(role), DEPARTMENT);
    }

    private static Reply send(ServiceProcess service, String method, String path, String token, Object body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(service.baseUrl() + path))
                .timeout(Duration.ofSeconds(20))
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/json");
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode json;
        try {
            json = response.body().isBlank() ? JSON.nullNode() : JSON.readTree(response.body());
        } catch (IOException notJson) {
            json = JSON.nullNode();
        }
        return new Reply(response.statusCode(), json, response.body());
    }

    private static JsonNode expect(int status, Reply reply) {
        assertEquals(status, reply.status, reply.body);
        return reply.json;
    }

    /** Repeats {@code call} until {@code done} holds (answers and connection errors alike are retried). */
    private static JsonNode poll(String what, Call call, Predicate<Reply> done) throws InterruptedException {
        long deadline = System.nanoTime() + STEP.toNanos();
        String last = "nothing yet";
        while (System.nanoTime() < deadline) {
            try {
                Reply reply = call.call();
                if (done.test(reply)) {
                    return reply.json;
                }
                last = reply.status + " " + reply.body;
            } catch (Exception e) {
                last = e.toString();
            }
            Thread.sleep(250);
        }
        throw new AssertionError("Waited " + STEP + " for " + what + "; last answer: " + last);
    }

    private static JsonNode caseOf(JsonNode list, String ideaId) {
        for (JsonNode item : list.path("items")) {
            if (ideaId.equals(item.path("ideaId").asText())) {
                return item;
            }
        }
        return null;
    }

    private static JsonNode ofType(JsonNode history, String type) {
        for (JsonNode entry : history) {
            if (type.equals(entry.path("type").asText())) {
                return entry;
            }
        }
        return null;
    }

    private static void printLogs(String why) {
        System.err.println("==== " + why + " ====");
        for (ServiceProcess service : SERVICES) {
            System.err.println("==== log of " + service.name() + " (" + service.logFile() + ") ====");
            System.err.println(service.log());
        }
        System.err.println("==== Kafka broker log: " + KafkaResource.brokerLogFile() + " ====");
    }
}
