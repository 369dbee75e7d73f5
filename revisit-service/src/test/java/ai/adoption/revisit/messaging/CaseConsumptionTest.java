package ai.adoption.revisit.messaging;

import ai.adoption.revisit.Api;
import ai.adoption.revisit.Db;
import ai.adoption.revisit.Experiments;
import ai.adoption.revisit.TestInfrastructure;
import ai.adoption.testinfra.KafkaResource;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * Acceptance 1: experiments-service's CloudEvents, shaped exactly as its relay publishes them, on the
 * real broker become cases with the right due time; a duplicate adds nothing; what must not be a
 * case is ignored; poison goes to the dead-letter topic and consumption carries on.
 */
@QuarkusTest
class CaseConsumptionTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void aRejectionBecomesACaseDueAfterItsOwnIntervalAndADuplicateAddsNothing() throws Exception {
        String department = Api.department("finance");
        UUID ideaId = UUID.randomUUID();
        UUID eventId = UUID.randomUUID();
        Instant rejectedAt = Instant.parse("2030-01-31T10:15:30Z");
        var data = Experiments.rejection(ideaId, department, "ChatGPT Enterprise", "DATA_PROTECTION", "P1M");
        Experiments.Sent sent = Experiments.send(TestInfrastructure.IDEA_TOPIC, "idea", ideaId, 2, "idea.rejected", data, eventId,
                rejectedAt);
        UUID caseId = Experiments.caseIdOf(sent);

        Response response = await().atMost(60, TimeUnit.SECONDS).until(() -> Api.reader().get("/revisits/{id}", caseId),
                r -> r.statusCode() == 200);
        response.then().body("status", equalTo("SCHEDULED")).body("cycle", equalTo(1))
                .body("source", equalTo("REJECTION"))
                .body("ideaId", equalTo(ideaId.toString()))
                .body("department", equalTo(department))
                .body("tool", equalTo("ChatGPT Enterprise"))
                .body("title", equalTo(data.get("title")))
                .body("rejectionReason", equalTo("DATA_PROTECTION"))
                .body("explanation", equalTo(data.get("explanation")))
                .body("caseInterval", equalTo("P1M"))
                .body("intervalSource", equalTo("CASE"))
                .body("sourceEventId", equalTo(eventId.toString()))
                // one calendar month after 31 January is the end of February
                .body("dueAt", equalTo("2030-02-28T10:15:30Z"));
        assertThat(response.header("ETag")).isEqualTo("\"1\"");

        // the same event again (a redelivery), then a marker on the same key: once the marker is in, the duplicate was seen
        Experiments.send(TestInfrastructure.IDEA_TOPIC, "idea", ideaId, 2, "idea.rejected", data, eventId, rejectedAt);
        Experiments.Sent marker = Experiments.reject(department, "Copilot", "COST", null);
        await().atMost(60, TimeUnit.SECONDS).until(() -> Api.reader().get("/revisits/{id}", Experiments.caseIdOf(marker))
                .statusCode() == 200);
        assertThat(Db.count(dataSource, "select count(*) from es_event where stream_id = ?", caseId.toString())).isEqualTo(1);
        assertThat(Db.count(dataSource, "select count(*) from revisit_case where source_event_id = ?", eventId)).isEqualTo(1);

        // the history keeps where it came from
        Api.reader().get("/revisits/{id}/history", caseId).then().statusCode(200)
                .body("[0].type", equalTo("ai.adoption.revisit.opened.v1"))
                .body("[0].causationId", equalTo(eventId.toString()))
                .body("[0].payload.origin.rejectionReason", equalTo("DATA_PROTECTION"));
    }

    @Test
    void withoutItsOwnIntervalTheGlobalDefaultApplies() {
        String department = Api.department("legal");
        Experiments.Sent sent = Experiments.reject(department, "Claude", "NOT_A_PRIORITY", null);
        Response response = await().atMost(60, TimeUnit.SECONDS)
                .until(() -> Api.reader().get("/revisits/{id}", Experiments.caseIdOf(sent)), r -> r.statusCode() == 200);
        response.then().body("interval", equalTo("P3M")).body("intervalSource", equalTo("GLOBAL"))
                .body("dueAt", equalTo(sent.time().atOffset(ZoneOffset.UTC).plusMonths(3).toInstant().toString()));
    }

    @Test
    void failedInconclusiveAbandonedAndRevisitExperimentsAreCasesOthersAreNot() {
        String department = Api.department("ops");
        Experiments.Sent failed = Experiments.concluded(department, "Copilot", "FAILED", "STOP");
        Experiments.Sent inconclusive = Experiments.concluded(department, "Copilot", "INCONCLUSIVE", "STOP");
        Experiments.Sent revisit = Experiments.concluded(department, "Copilot", "SUCCEEDED", "REVISIT");
        Experiments.Sent scaled = Experiments.concluded(department, "Copilot", "SUCCEEDED", "SCALE");
        Experiments.Sent abandoned = Experiments.abandoned(department, "Copilot");
        for (Experiments.Sent sent : List.of(failed, inconclusive, revisit, abandoned)) {
            await().atMost(60, TimeUnit.SECONDS).until(() -> Api.reader().get("/revisits/{id}", Experiments.caseIdOf(sent))
                    .statusCode() == 200);
        }
        Api.reader().get("/revisits/{id}", Experiments.caseIdOf(failed)).then().body("source", equalTo("EXPERIMENT"))
                .body("outcome", equalTo("FAILED")).body("experimentId", equalTo(failed.aggregateId().toString()));
        Api.reader().get("/revisits/{id}", Experiments.caseIdOf(abandoned)).then().body("outcome", equalTo("ABANDONED"));
        Api.reader().get("/revisits/{id}", Experiments.caseIdOf(scaled)).then().statusCode(404);
        Api.reader().queryParam("department", department).queryParam("source", "EXPERIMENT").get("/revisits")
                .then().statusCode(200).body("total", equalTo(4));
    }

    @Test
    void poisonGoesToTheDeadLetterTopicAndTheNextEventBecomesACase() throws Exception {
        String department = Api.department("poison");
        UUID key = UUID.randomUUID();
        // not a CloudEvent
        Experiments.sendRecord(new ProducerRecord<>(TestInfrastructure.IDEA_TOPIC, key.toString(),
                "{\"not\":\"a cloud event\"}".getBytes(StandardCharsets.UTF_8)));
        // a CloudEvent whose data lacks the department
        var data = Experiments.rejection(key, department, "Copilot", "COST", null);
        data.remove("department");
        Experiments.Sent poison = Experiments.send(TestInfrastructure.IDEA_TOPIC, "idea", key, 2, "idea.rejected", data,
                UUID.randomUUID(), Instant.now());
        Experiments.Sent good = Experiments.reject(department, "Copilot", "COST", "P2W");
        await().atMost(60, TimeUnit.SECONDS).until(() -> Api.reader().get("/revisits/{id}", Experiments.caseIdOf(good))
                .statusCode() == 200);
        Api.reader().get("/revisits/{id}", Experiments.caseIdOf(poison)).then().statusCode(404);
        try (KafkaConsumer<String, byte[]> consumer = KafkaResource.newBytesConsumer()) {
            consumer.subscribe(List.of(TestInfrastructure.IDEA_DLT));
            List<ConsumerRecord<String, byte[]>> dead = new java.util.ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (dead.size() < 2 && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(300)).forEach(r -> {
                    if (key.toString().equals(r.key())) {
                        dead.add(r);
                    }
                });
            }
            assertThat(dead).hasSize(2);
        }
    }
}
