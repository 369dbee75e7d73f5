package ai.adoption.experiments.messaging;

import ai.adoption.contracts.GovernanceEvents;
import ai.adoption.contracts.Vocabulary.DataClassification;
import ai.adoption.contracts.Vocabulary.FindingKind;
import ai.adoption.eventsourcing.cloudevents.CloudEvents;
import ai.adoption.eventsourcing.store.RecordedEvent;
import ai.adoption.experiments.Api;
import ai.adoption.experiments.OpenApiDocument;
import ai.adoption.experiments.TestInfrastructure;
import ai.adoption.testinfra.KafkaResource;
import ai.adoption.testinfra.contracts.ContractEvents;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static ai.adoption.experiments.Api.FINANCE;
import static ai.adoption.experiments.GovernanceFindings.event;
import static ai.adoption.experiments.GovernanceFindings.raisedData;
import static ai.adoption.experiments.GovernanceFindings.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

/**
 * governance-service's finding.raised on (this run's copy of) governance.finding is recorded on the
 * idea and shown to the approver: once per finding (a redelivery and a re-raise change nothing),
 * finding.resolved is shown on it once, other finding types are ignored, an unknown idea is skipped, unreadable data is dead-lettered and
 * the next record is still processed.
 */
@QuarkusTest
class GovernanceFindingsConsumerTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void aRaisedFindingIsShownOnTheIdeaOnce() throws Exception {
        String ideaId = Api.submitIdea("alice", FINANCE);
        Api.employee("alice", FINANCE).get("/ideas/{id}", ideaId).then().statusCode(200).body("findings", empty());

        UUID findingId = UUID.randomUUID();
        String data = ContractEvents.json(new GovernanceEvents.FindingRaisedV1(findingId, UUID.fromString(ideaId), "finance",
                "ChatGPT Free", DataClassification.PERSONAL, FindingKind.DATA_CLASS_NOT_ALLOWED,
                List.of(DataClassification.PUBLIC, DataClassification.INTERNAL), "ChatGPT Free is not approved for PERSONAL data"));
        RecordedEvent<String> raised = event(findingId, 1, "finding.raised", data);
        RecordedEvent<String> again = event(findingId, 2, "finding.raised", data);
        RecordedEvent<String> resolved = event(findingId, 3, "finding.resolved",
                ContractEvents.json(ContractEvents.findingResolved(findingId, UUID.fromString(ideaId), "the idea was revised")));
        RecordedEvent<String> other = event(findingId, 4, "finding.reviewed", "{\"findingId\":\"" + findingId + "\"}");
        RecordedEvent<String> last = event(findingId, 5, "finding.raised", data);
        // the same record twice (a redelivery), the same finding raised again as a new event, a record of its resolution
        // (also twice), a type this service does not read, and the finding raised once more
        send(raised, raised, again, resolved, resolved, other, last);

        await().atMost(60, TimeUnit.SECONDS).until(() -> !Api.employee("fiona", FINANCE).get("/ideas/{id}", ideaId)
                .<List<?>>path("findings").isEmpty());
        // one partition (key = finding id): once the last record is marked processed, so are the ones before it
        await().atMost(60, TimeUnit.SECONDS).until(() -> processed(last.eventId()));
        assertThat(processed(again.eventId())).isTrue();
        assertThat(processed(resolved.eventId())).isTrue();
        // the type it does not read was acknowledged without a transaction: no processed mark
        assertThat(processed(other.eventId())).isFalse();

        Api.approver("fiona", FINANCE).get("/ideas/{id}", ideaId).then().statusCode(200)
                .header("ETag", "\"3\"")
                .body("status", equalTo("SUBMITTED"))
                .body("findings.size()", equalTo(1))
                .body("findings[0].findingId", equalTo(findingId.toString()))
                .body("findings[0].kind", equalTo("DATA_CLASS_NOT_ALLOWED"))
                .body("findings[0].tool", equalTo("ChatGPT Free"))
                .body("findings[0].dataClassification", equalTo("PERSONAL"))
                .body("findings[0].allowedDataClasses", equalTo(List.of("PUBLIC", "INTERNAL")))
                .body("findings[0].message", equalTo("ChatGPT Free is not approved for PERSONAL data"))
                .body("findings[0].recordedAt", notNullValue())
                .body("findings[0].resolvedAt", notNullValue())
                .body("findings[0].resolution", equalTo("the idea was revised"));
        // the idea with its finding is what the OpenAPI document promises
        OpenApiDocument doc = OpenApiDocument.fetch();
        String shown = Api.approver("fiona", FINANCE).get("/ideas/{id}", ideaId).asString();
        assertThat(doc.validate(doc.operation("getIdea").node().path("responses").path("200").path("content")
                .path("application/json").path("schema"), OpenApiDocument.JSON.readTree(shown), "getIdea 200 $")).isEmpty();
        Api.approver("fiona", FINANCE).queryParam("department", FINANCE).queryParam("size", 100).get("/ideas")
                .then().statusCode(200).body("items.find { it.id == '" + ideaId + "' }.findings.findingId",
                        equalTo(List.of(findingId.toString())));
        Api.employee("alice", FINANCE).get("/ideas/{id}/history", ideaId).then().statusCode(200)
                .body("type", equalTo(List.of("ai.adoption.idea.submitted.v1", "ai.adoption.idea.finding-recorded.v1",
                        "ai.adoption.idea.finding-resolved.v1")))
                .body("[2].causationId", equalTo(resolved.eventId().toString()))
                .body("[1].causationId", equalTo(raised.eventId().toString()))
                .body("[1].actor", equalTo("system:experiments-service"))
                .body("[1].payload.kind", equalTo("DATA_CLASS_NOT_ALLOWED"));
        // the approver decides with the finding in view; the finding stays on the decided idea
        Api.approver("fiona", FINANCE).header("If-Match", "\"3\"").body(Map.of("reason", "TOOL_NOT_APPROVED",
                "explanation", "Not for personal data")).post("/ideas/{id}/reject", ideaId).then().statusCode(200)
                .body("findings.size()", equalTo(1));
    }

    @Test
    void aFindingWithoutAllowedClassesForAnUnknownOrAKnownIdea() throws Exception {
        // an idea this service does not know: skipped, not dead-lettered
        UUID unknownFinding = UUID.randomUUID();
        RecordedEvent<String> unknown = event(unknownFinding, 1, "finding.raised", raisedData(unknownFinding,
                UUID.randomUUID().toString(), "TOOL_NOT_APPROVED"));
        send(unknown);
        await().atMost(60, TimeUnit.SECONDS).until(() -> processed(unknown.eventId()));
        assertThat(deadLetters(unknownFinding.toString(), 0)).isEmpty();

        String ideaId = Api.approvedIdea(FINANCE);
        UUID findingId = UUID.randomUUID();
        send(event(findingId, 1, "finding.raised", raisedData(findingId, ideaId, "TOOL_NOT_APPROVED")));
        await().atMost(60, TimeUnit.SECONDS).until(() -> Api.employee("x", FINANCE).get("/ideas/{id}", ideaId)
                .<List<?>>path("findings").size() == 1);
        Api.employee("x", FINANCE).get("/ideas/{id}", ideaId).then().body("status", equalTo("APPROVED"))
                .body("findings[0].kind", equalTo("TOOL_NOT_APPROVED"))
                .body("findings[0].allowedDataClasses", empty());
    }

    @Test
    void unreadableDataGoesToTheDeadLetterTopicAndTheNextRecordIsProcessed() throws Exception {
        String ideaId = Api.submitIdea("bob", FINANCE);
        UUID findingId = UUID.randomUUID();
        // the same key for both, so they are on one partition in this order
        RecordedEvent<String> poison = event(findingId, 1, "finding.raised", raisedData(findingId, ideaId, "TOOL_IS_PURPLE"));
        RecordedEvent<String> good = event(findingId, 2, "finding.raised", raisedData(findingId, ideaId, "TOOL_APPROVAL_EXPIRED"));
        send(poison, good);

        await().atMost(60, TimeUnit.SECONDS).until(() -> processed(good.eventId()));
        Api.employee("bob", FINANCE).get("/ideas/{id}", ideaId).then()
                .body("findings.kind", equalTo(List.of("TOOL_APPROVAL_EXPIRED")));
        List<ConsumerRecord<String, byte[]>> dead = deadLetters(findingId.toString(), 1);
        assertThat(dead).hasSize(1);
        assertThat(CloudEvents.header(dead.get(0).headers(), CloudEvents.ID)).contains(poison.eventId().toString());
        assertThat(CloudEvents.header(dead.get(0).headers(), "dead-letter-reason").orElse(""))
                .contains(poison.eventId().toString());
        assertThat(CloudEvents.header(dead.get(0).headers(), "dead-letter-cause").orElse("")).contains("TOOL_IS_PURPLE");
        assertThat(processed(poison.eventId())).isFalse();
    }

    private boolean processed(UUID eventId) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "select count(*) from es_processed_event where consumer = ? and event_id = ?")) {
            ps.setString(1, GovernanceFindingsConsumer.CONSUMER);
            ps.setObject(2, eventId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1) == 1;
            }
        }
    }

    private static List<ConsumerRecord<String, byte[]>> deadLetters(String key, int expected) {
        try (KafkaConsumer<String, byte[]> consumer = KafkaResource.newBytesConsumer()) {
            consumer.subscribe(List.of(TestInfrastructure.GOVERNANCE_FINDING_DLT));
            List<ConsumerRecord<String, byte[]>> mine = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(expected == 0 ? 3 : 20).toNanos();
            while (mine.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(300)).forEach(r -> {
                    if (key.equals(r.key())) {
                        mine.add(r);
                    }
                });
            }
            return mine;
        }
    }
}
