package ai.adoption.revisit.api;

import ai.adoption.eventsourcing.cloudevents.CloudEvents;
import ai.adoption.revisit.Api;
import ai.adoption.revisit.Db;
import ai.adoption.revisit.Experiments;
import ai.adoption.revisit.TestInfrastructure;
import ai.adoption.testinfra.KafkaResource;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** Re-evaluation: still not feasible starts the next cycle, now feasible closes as reopened (published), drop closes. */
@QuarkusTest
class EvaluationTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void stillNotFeasibleThenNowFeasiblePublishesRevisitReopened() {
        String department = Api.department("finance");
        String tool = "Tool-" + UUID.randomUUID();
        Experiments.Sent sent = Experiments.reject(department, tool, "UNRELIABLE_OUTPUT", null);
        UUID id = Experiments.caseIdOf(sent);
        dueNow(department, tool, id);

        // an ambassador of another department may not touch it
        Api.ambassador(Api.department("hr")).body(Map.of("verdict", "DROP", "reason", "x")).post("/revisits/{id}/evaluations", id)
                .then().statusCode(403);
        String etag = Api.reader().get("/revisits/{id}", id).header("ETag");
        Api.ambassador(department).header("If-Match", etag)
                .body(Map.of("verdict", "STILL_NOT_FEASIBLE", "notes", "Tried the new model: still invents dates", "nextInterval", "PT1H"))
                .post("/revisits/{id}/evaluations", id)
                .then().statusCode(201).header("Location", containsString("/revisits/" + id))
                .body("status", equalTo("SCHEDULED")).body("cycle", equalTo(2)).body("caseInterval", equalTo("PT1H"));
        // a case that is not due cannot be re-evaluated: 409 naming its state
        Api.ambassador(department).body(Map.of("verdict", "NOW_FEASIBLE")).post("/revisits/{id}/evaluations", id)
                .then().statusCode(409).body("currentState", equalTo("SCHEDULED"));

        dueNow(department, tool, id);
        assertThat(Db.dueEvents(dataSource, id)).isEqualTo(2);
        Api.reader().get("/revisits/{id}", id).then().body("cycle", equalTo(2));
        Api.ambassador(department).header("If-Match", etag).body(Map.of("verdict", "NOW_FEASIBLE"))
                .post("/revisits/{id}/evaluations", id).then().statusCode(412);
        Api.ambassador(department).body(Map.of("verdict", "NOW_FEASIBLE", "notes", "The EU tenant hallucinates far less"))
                .post("/revisits/{id}/evaluations", id).then().statusCode(201)
                .body("status", equalTo("CLOSED")).body("closure", equalTo("REOPENED"));
        Api.ambassador(department).body(Map.of("verdict", "DROP", "reason", "x")).post("/revisits/{id}/evaluations", id)
                .then().statusCode(409).body("currentState", equalTo("CLOSED"));

        // the history: opened, due 1, still not feasible, brought forward, due 2, reopened
        Api.reader().get("/revisits/{id}/history", id).then().statusCode(200)
                .body("type", equalTo(List.of("ai.adoption.revisit.opened.v1", "ai.adoption.revisit.brought-forward.v1",
                        "ai.adoption.revisit.due.v1", "ai.adoption.revisit.still-not-feasible.v1",
                        "ai.adoption.revisit.brought-forward.v1", "ai.adoption.revisit.due.v1", "ai.adoption.revisit.reopened.v1")));

        // experiments-service reads this from revisit.case
        try (KafkaConsumer<String, byte[]> consumer = KafkaResource.newBytesConsumer()) {
            consumer.subscribe(List.of(TestInfrastructure.topic("case")));
            ConsumerRecord<String, byte[]> reopened = null;
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (reopened == null && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(300))) {
                    if (id.toString().equals(r.key()) && "ai.adoption.revisit.reopened.v1".equals(
                            CloudEvents.header(r.headers(), CloudEvents.TYPE).orElse(null))) {
                        reopened = r;
                    }
                }
            }
            assertThat(reopened).isNotNull();
            String data = new String(reopened.value(), StandardCharsets.UTF_8);
            // the relay publishes the stored jsonb text: compare values, not formatting
            com.fasterxml.jackson.databind.JsonNode json;
            try {
                json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(data);
            } catch (java.io.IOException e) {
                throw new AssertionError(e);
            }
            assertThat(json.get("ideaId").asText()).isEqualTo(sent.aggregateId().toString());
            assertThat(json.get("cycle").asInt()).isEqualTo(2);
            assertThat(CloudEvents.header(reopened.headers(), CloudEvents.SOURCE)).contains("urn:ai-adoption:revisit-service");
        }
    }

    @Test
    void dropNeedsAReasonAndEndsTheCycles() {
        String department = Api.department("legal");
        String tool = "Tool-" + UUID.randomUUID();
        Experiments.Sent sent = Experiments.reject(department, tool, "COST", null);
        UUID id = Experiments.caseIdOf(sent);
        dueNow(department, tool, id);
        Api.ambassador(department).body(Map.of("verdict", "DROP")).post("/revisits/{id}/evaluations", id)
                .then().statusCode(422).body("errors[0].field", equalTo("reason"));
        Api.ambassador(department).body(Map.of("verdict", "STILL_NOT_FEASIBLE")).post("/revisits/{id}/evaluations", id)
                .then().statusCode(422).body("errors[0].field", equalTo("notes"));
        Api.admin().body(Map.of("verdict", "DROP", "reason", "The process was outsourced")).post("/revisits/{id}/evaluations", id)
                .then().statusCode(201).body("closure", equalTo("DROPPED")).body("closureNote", equalTo("The process was outsourced"));
        Api.reader().queryParam("department", department).get("/revisits/counts").then()
                .body("departments[0].dropped", equalTo(1)).body("departments[0].open", equalTo(0));
    }

    private void dueNow(String department, String tool, UUID id) {
        await().atMost(60, TimeUnit.SECONDS).until(() -> Api.reader().get("/revisits/{id}", id).statusCode() == 200);
        Api.ambassador(department).body(Map.of("tool", tool)).post("/revisits/bring-forward").then().statusCode(200)
                .body("count", equalTo(1));
        await().atMost(60, TimeUnit.SECONDS).until(() -> "DUE".equals(Api.reader().get("/revisits/{id}", id).path("status")));
    }
}
