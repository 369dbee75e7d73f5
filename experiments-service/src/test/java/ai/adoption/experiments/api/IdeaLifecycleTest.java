package ai.adoption.experiments.api;

import ai.adoption.eventsourcing.cloudevents.CloudEvents;
import ai.adoption.experiments.Api;
import ai.adoption.experiments.TestInfrastructure;
import ai.adoption.testinfra.KafkaResource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static ai.adoption.experiments.Api.FINANCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/** Acceptance 1: a REST command becomes an event in the store, a CloudEvent on the topic and a row in the read model. */
@QuarkusTest
class IdeaLifecycleTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void submittedIdeaIsStoredPublishedAsCloudEventAndQueryable() throws Exception {
        String correlationId = "it-" + UUID.randomUUID();
        Map<String, Object> body = Api.idea(FINANCE);
        Response created = Api.employee("alice", FINANCE).header("X-Correlation-Id", correlationId).body(body).post("/ideas");
        created.then().statusCode(201).header("ETag", "\"1\"").header("X-Correlation-Id", correlationId)
                .body("status", equalTo("SUBMITTED")).body("submitter", equalTo("alice"))
                .body("department", equalTo(FINANCE)).body("title", equalTo(body.get("title")));
        String id = created.path("id");
        assertThat(created.header("Location")).endsWith("/ideas/" + id);

        // the event store holds exactly one event for the new stream
        UUID eventId;
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("select event_id, event_type, schema_version, stream_version, actor, "
                     + "correlation_id, causation_id, payload->>'title' from es_event where stream_type = 'idea' and stream_id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                eventId = rs.getObject(1, UUID.class);
                assertThat(rs.getString(2)).isEqualTo("idea.submitted");
                assertThat(rs.getInt(3)).isEqualTo(1);
                assertThat(rs.getLong(4)).isEqualTo(1);
                assertThat(rs.getString(5)).isEqualTo("alice");
                assertThat(rs.getString(6)).isEqualTo(correlationId);
                assertThat(rs.getString(7)).isNotBlank();
                assertThat(rs.getString(8)).isEqualTo(body.get("title"));
                assertThat(rs.next()).isFalse();
            }
        }

        // a plain Kafka consumer sees the CloudEvent with every attribute
        try (KafkaConsumer<String, byte[]> consumer = KafkaResource.newBytesConsumer()) {
            consumer.subscribe(List.of(TestInfrastructure.topic("idea")));
            ConsumerRecord<String, byte[]> record = await(consumer, eventId);
            assertThat(record.key()).isEqualTo(id);
            assertThat(header(record, "ce_specversion")).isEqualTo("1.0");
            assertThat(header(record, "ce_id")).isEqualTo(eventId.toString());
            assertThat(header(record, "ce_source")).isEqualTo("urn:ai-adoption:experiments-service");
            assertThat(header(record, "ce_type")).isEqualTo("ai.adoption.idea.submitted.v1");
            assertThat(header(record, "ce_subject")).isEqualTo(id);
            assertThat(Instant.parse(header(record, "ce_time"))).isBefore(Instant.now().plusSeconds(1));
            assertThat(header(record, "ce_correlationid")).isEqualTo(correlationId);
            assertThat(header(record, "ce_sequence")).isEqualTo("0000000000000000001");
            assertThat(header(record, "content-type")).isEqualTo("application/json");
            JsonNode data = new ObjectMapper().readTree(new String(record.value(), StandardCharsets.UTF_8));
            assertThat(data.get("ideaId").asText()).isEqualTo(id);
            assertThat(data.get("submitter").asText()).isEqualTo("alice");
            assertThat(data.get("dataClassification").asText()).isEqualTo("CONFIDENTIAL");
            assertThat(data.get("title").asText()).isEqualTo(body.get("title"));
        }

        // the projection answers queries, and the history shows the event
        Api.employee("bob", "hr").get("/ideas/{id}", id).then().statusCode(200).header("ETag", "\"1\"")
                .body("title", equalTo(body.get("title")));
        Api.employee("bob", "hr").queryParam("department", FINANCE).queryParam("status", "SUBMITTED").get("/ideas")
                .then().statusCode(200).body("items.id", hasItem(id));
        Api.employee("bob", "hr").get("/ideas/{id}/history", id).then().statusCode(200)
                .body("[0].type", equalTo("ai.adoption.idea.submitted.v1")).body("[0].actor", equalTo("alice"))
                .body("[0].payload.title", equalTo(body.get("title")));
    }

    @Test
    void approvalRevisionAndRejectionFollowTheRules() {
        String id = Api.submitIdea("carol", FINANCE);
        Api.employee("carol", FINANCE).header("If-Match", "\"1\"")
                .body(Map.of("title", "Revised title " + UUID.randomUUID(), "problem", "p", "aiTool", "Copilot",
                        "dataClassification", "INTERNAL", "benefitCategory", "INNOVATION"))
                .put("/ideas/{id}", id).then().statusCode(200).header("ETag", "\"2\"").body("aiTool", equalTo("Copilot"));
        Api.approver("mgr", FINANCE).header("If-Match", "\"2\"")
                .body(Map.of("reason", "DATA_PROTECTION", "explanation", "Contracts may not leave the EU", "revisitAfter", "P3M"))
                .post("/ideas/{id}/reject", id).then().statusCode(200).body("status", equalTo("REJECTED"))
                .body("rejectionReason", equalTo("DATA_PROTECTION")).body("revisitAfter", equalTo("P3M"));
        // a decided idea cannot be approved: 409 naming the current state
        Api.approver("mgr", FINANCE).body(Map.of()).post("/ideas/{id}/approve", id).then().statusCode(409)
                .contentType("application/problem+json").body("currentState", equalTo("REJECTED"));
    }

    private static ConsumerRecord<String, byte[]> await(KafkaConsumer<String, byte[]> consumer, UUID eventId) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                if (eventId.toString().equals(header(record, "ce_id"))) {
                    return record;
                }
            }
        }
        throw new AssertionError("event " + eventId + " never reached Kafka");
    }

    static String header(ConsumerRecord<String, byte[]> record, String name) {
        return CloudEvents.header(record.headers(), name).orElse(null);
    }
}
