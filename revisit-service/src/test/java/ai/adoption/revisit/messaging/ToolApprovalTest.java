package ai.adoption.revisit.messaging;

import ai.adoption.revisit.Api;
import ai.adoption.revisit.Db;
import ai.adoption.revisit.Experiments;
import ai.adoption.revisit.Governance;
import ai.adoption.revisit.TestInfrastructure;
import ai.adoption.testinfra.KafkaResource;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * governance-service's {@code tool.approved}, as a CloudEvent on the real broker, brings forward the
 * waiting cases rejected because that tool was not approved, in every department: each fires once.
 * Other reasons and tools stay as they were; a redelivery and other types on the topic change nothing.
 */
@QuarkusTest
class ToolApprovalTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void anApprovedToolsNotApprovedCasesAreDueNowAndFireOnceOthersWait() {
        String finance = Api.department("finance");
        String legal = Api.department("legal");
        String tool = "Tool-" + UUID.randomUUID();
        String otherTool = "Other-" + UUID.randomUUID();
        Experiments.Sent financeCase = Experiments.reject(finance, tool, "TOOL_NOT_APPROVED", "P3M");
        Experiments.Sent legalCase = Experiments.reject(legal, tool.toLowerCase(), "TOOL_NOT_APPROVED", "P3M");
        Experiments.Sent costCase = Experiments.reject(finance, tool, "COST", "P3M");
        Experiments.Sent otherToolCase = Experiments.reject(finance, otherTool, "TOOL_NOT_APPROVED", "P3M");
        List<Experiments.Sent> all = List.of(financeCase, legalCase, costCase, otherToolCase);
        for (Experiments.Sent sent : all) {
            await().atMost(60, TimeUnit.SECONDS).until(() -> Api.reader().get("/revisits/{id}", Experiments.caseIdOf(sent))
                    .statusCode() == 200);
        }

        // approved in governance, the tool spelt in another case and with blanks around it; valid only from next year
        UUID toolId = UUID.randomUUID();
        UUID approvalId = UUID.randomUUID();
        String validFrom = LocalDate.now(ZoneOffset.UTC).plusYears(1).toString();
        Map<String, Object> approval = Governance.approval(toolId, "  " + tool.toUpperCase() + "   ", "admin-ada", validFrom, null);
        Governance.send(toolId, 1, "tool.approved", approval, approvalId);

        for (Experiments.Sent sent : List.of(financeCase, legalCase)) {
            UUID id = Experiments.caseIdOf(sent);
            await().atMost(60, TimeUnit.SECONDS).until(() -> "DUE".equals(Api.reader().get("/revisits/{id}", id).path("status")));
            assertThat(Db.dueEvents(dataSource, id)).isEqualTo(1);
            JsonPath history = Api.reader().get("/revisits/{id}/history", id).then().statusCode(200).extract().jsonPath();
            assertThat(history.getList("type")).containsExactly("ai.adoption.revisit.opened.v1",
                    "ai.adoption.revisit.brought-forward.v1", "ai.adoption.revisit.due.v1");
            assertThat(history.getString("[1].causationId")).isEqualTo(approvalId.toString());
            assertThat(history.getString("[1].payload.requestedBy")).isEqualTo("system:revisit-service");
            assertThat(history.getString("[1].payload.why"))
                    .isEqualTo("tool " + tool.toUpperCase() + " approved by admin-ada, valid from " + validFrom);
            // fired promptly: the consumer's commit woke the scheduler, which would otherwise sleep up to max-sleep (10 s here)
            Duration lag = Duration.between(Instant.parse(history.getString("[2].payload.dueAt")),
                    Instant.parse(history.getString("[2].payload.firedAt")));
            assertThat(lag).isLessThan(Duration.ofSeconds(5));
        }
        for (Experiments.Sent sent : List.of(costCase, otherToolCase)) {
            UUID id = Experiments.caseIdOf(sent);
            Api.reader().get("/revisits/{id}", id).then().body("status", equalTo("SCHEDULED"));
            assertThat(Db.count(dataSource, "select count(*) from es_event where stream_type = 'case' and stream_id = ?",
                    id.toString())).isEqualTo(1);
        }
        long before = eventsOf(all);
        assertThat(before).isEqualTo(2 * 3 + 2);

        // the same approval again (a redelivery), then a type the service ignores, on the same key: once that is in,
        // the redelivery was seen too
        Governance.send(toolId, 1, "tool.approved", approval, approvalId);
        UUID revokedId = UUID.randomUUID();
        Governance.send(toolId, 2, "tool.approval-revoked", Map.of("toolId", toolId.toString(), "tool", tool,
                "revokedBy", "admin-ada", "reason", "vendor left the EU"), revokedId);
        await().atMost(60, TimeUnit.SECONDS).until(() -> processed(revokedId) == 1);
        assertThat(processed(approvalId)).isEqualTo(1);
        assertThat(eventsOf(all)).isEqualTo(before);

        // approved once more, as a new event (e.g. renewed): the cases are due already, nothing is brought forward again
        UUID renewalId = UUID.randomUUID();
        Governance.send(toolId, 3, "tool.approved", Governance.approval(toolId, tool, "admin-bob", null, null), renewalId);
        await().atMost(60, TimeUnit.SECONDS).until(() -> processed(renewalId) == 1);
        assertThat(eventsOf(all)).isEqualTo(before);
        for (Experiments.Sent sent : all) {
            assertThat(Db.dueEvents(dataSource, Experiments.caseIdOf(sent))).isEqualTo(sent == costCase || sent == otherToolCase ? 0 : 1);
        }
    }

    @Test
    void anApprovalWithoutAToolGoesToTheDeadLetterTopicAndTheNextIsHandled() {
        String department = Api.department("poison");
        String tool = "Tool-" + UUID.randomUUID();
        Experiments.Sent waiting = Experiments.reject(department, tool, "TOOL_NOT_APPROVED", "P3M");
        UUID caseId = Experiments.caseIdOf(waiting);
        await().atMost(60, TimeUnit.SECONDS).until(() -> Api.reader().get("/revisits/{id}", caseId).statusCode() == 200);

        UUID toolId = UUID.randomUUID();
        Map<String, Object> noTool = Governance.approval(toolId, tool, "admin-ada", "2026-12-01", "2027-12-01");
        noTool.remove("tool");
        UUID poisonId = UUID.randomUUID();
        Governance.send(toolId, 1, "tool.approved", noTool, poisonId);
        Governance.send(toolId, 2, "tool.approved", Governance.approval(toolId, tool, "admin-ada", "2026-12-01", "2027-12-01"),
                UUID.randomUUID());
        await().atMost(60, TimeUnit.SECONDS).until(() -> "DUE".equals(Api.reader().get("/revisits/{id}", caseId).path("status")));
        assertThat(Db.dueEvents(dataSource, caseId)).isEqualTo(1);
        assertThat(processed(poisonId)).isZero();
        try (KafkaConsumer<String, byte[]> consumer = KafkaResource.newBytesConsumer()) {
            consumer.subscribe(List.of(TestInfrastructure.TOOL_DLT));
            List<ConsumerRecord<String, byte[]>> dead = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (dead.isEmpty() && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(300)).forEach(r -> {
                    if (toolId.toString().equals(r.key())) {
                        dead.add(r);
                    }
                });
            }
            assertThat(dead).hasSize(1);
        }
    }

    private long processed(UUID eventId) {
        return Db.count(dataSource, "select count(*) from es_processed_event where event_id = ?", eventId);
    }

    private long eventsOf(List<Experiments.Sent> cases) {
        long n = 0;
        for (Experiments.Sent sent : cases) {
            n += Db.count(dataSource, "select count(*) from es_event where stream_type = 'case' and stream_id = ?",
                    Experiments.caseIdOf(sent).toString());
        }
        return n;
    }
}
