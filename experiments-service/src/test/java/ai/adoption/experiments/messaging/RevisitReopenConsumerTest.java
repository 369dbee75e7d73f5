package ai.adoption.experiments.messaging;

import ai.adoption.eventsourcing.cloudevents.CloudEvents;
import ai.adoption.eventsourcing.store.RecordedEvent;
import ai.adoption.experiments.Api;
import ai.adoption.experiments.TestInfrastructure;
import ai.adoption.testinfra.KafkaResource;
import ai.adoption.testinfra.contracts.ContractEvents;

import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static ai.adoption.experiments.Api.FINANCE;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/**
 * revisit-service's revisit.reopened on (this run's copy of) revisit.case reopens the rejected idea:
 * idea.reopened caused by the revisit event, status SUBMITTED for a fresh decision, history intact,
 * counted by the funnel; a redelivery changes nothing.
 */
@QuarkusTest
class RevisitReopenConsumerTest {

    @Test
    void aRevisitReopenedBringsTheRejectedIdeaBackForAFreshDecision() throws Exception {
        String ideaId = Api.submitIdea("alice", FINANCE);
        Api.approver("fiona", FINANCE).body(Map.of("reason", "UNRELIABLE_OUTPUT", "explanation", "hallucinated dates",
                "revisitAfter", "PT5S")).post("/ideas/{id}/reject", ideaId).then().statusCode(200)
                .body("revisitAfter", equalTo("PT5S"));

        UUID caseId = UUID.randomUUID();
        UUID eventId = UUID.randomUUID();
        String data = ContractEvents.json(ContractEvents.revisitReopened(caseId, 1, UUID.fromString(ideaId), FINANCE));
        Instant now = Instant.now();
        RecordedEvent<String> event = new RecordedEvent<>(eventId, "case", caseId.toString(), 4, "revisit.reopened", 1, data,
                "anna", "corr-" + eventId, UUID.randomUUID().toString(), now, now, 4);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                KafkaResource.bootstrapServers()), new StringSerializer(), new ByteArraySerializer())) {
            producer.send(CloudEvents.toRecord(TestInfrastructure.REVISIT_CASE_TOPIC, "urn:ai-adoption:revisit-service", event))
                    .get(30, TimeUnit.SECONDS);
            producer.send(CloudEvents.toRecord(TestInfrastructure.REVISIT_CASE_TOPIC, "urn:ai-adoption:revisit-service", event))
                    .get(30, TimeUnit.SECONDS);
        }
        await().atMost(60, TimeUnit.SECONDS).until(() -> "SUBMITTED".equals(Api.employee("alice", FINANCE)
                .get("/ideas/{id}", ideaId).path("status")));
        Api.employee("alice", FINANCE).get("/ideas/{id}", ideaId).then().body("reopenCount", equalTo(1))
                .body("revisitCaseId", equalTo(caseId.toString())).body("rejectionReason", equalTo("UNRELIABLE_OUTPUT"));
        Thread.sleep(1000);
        Api.employee("alice", FINANCE).get("/ideas/{id}/history", ideaId).then().statusCode(200)
                .body("type", equalTo(java.util.List.of("ai.adoption.idea.submitted.v1", "ai.adoption.idea.rejected.v1",
                        "ai.adoption.idea.reopened.v1")))
                .body("[2].causationId", equalTo(eventId.toString()))
                .body("[2].payload.previousStatus", equalTo("REJECTED"));
        // a fresh decision is possible
        Api.approver("fiona", FINANCE).body(Map.of()).post("/ideas/{id}/approve", ideaId).then().statusCode(200);
        Api.employee("alice", FINANCE).queryParam("department", FINANCE).get("/funnel").then().statusCode(200)
                .body("departments.reopened", hasItem(org.hamcrest.Matchers.greaterThanOrEqualTo(1)));
    }
}
