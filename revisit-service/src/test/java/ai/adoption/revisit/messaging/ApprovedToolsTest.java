package ai.adoption.revisit.messaging;

import ai.adoption.eventsourcing.command.UnitOfWork;
import ai.adoption.revisit.Api;
import ai.adoption.revisit.Cases;
import ai.adoption.revisit.Db;
import ai.adoption.revisit.Experiments;
import ai.adoption.revisit.Governance;
import ai.adoption.revisit.MutableClock;
import ai.adoption.revisit.application.CaseService;
import ai.adoption.revisit.application.WaitingCases;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * The approved tools as a record: an approval that arrives before the rejection it answers still
 * makes that case due at once, tool names match whatever their case and blanks (inner ones too), a
 * revocation ends it, and an approval's bring-forward of many cases runs in chunks of short
 * transactions.
 */
@QuarkusTest
class ApprovedToolsTest {

    @Inject
    AgroalDataSource dataSource;
    @Inject
    Vertx vertx;
    @Inject
    UnitOfWork unitOfWork;
    @Inject
    CaseService cases;

    @Test
    void aCaseOpenedAfterItsToolWasApprovedIsDueAtOnceUntilTheApprovalIsRevoked() {
        String department = Api.department("late");
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        UUID toolId = UUID.randomUUID();
        UUID approvalId = UUID.randomUUID();
        // governance spells it with other case and blanks, inside too
        Governance.send(toolId, 1, "tool.approved", Governance.approval(toolId, "  gen\t TOOL   " + suffix + " ", "admin-ada",
                null, null), approvalId);
        await().atMost(60, TimeUnit.SECONDS).until(() -> processed(approvalId) == 1);

        Experiments.Sent late = Experiments.reject(department, "Gen Tool " + suffix, "TOOL_NOT_APPROVED", "P3M");
        UUID caseId = Experiments.caseIdOf(late);
        await().atMost(60, TimeUnit.SECONDS).until(() -> "DUE".equals(Api.reader().get("/revisits/{id}", caseId).path("status")));
        JsonPath history = Api.reader().get("/revisits/{id}/history", caseId).then().statusCode(200).extract().jsonPath();
        assertThat(history.getList("type")).containsExactly("ai.adoption.revisit.opened.v1",
                "ai.adoption.revisit.brought-forward.v1", "ai.adoption.revisit.due.v1");
        assertThat(history.getString("[1].payload.why")).isEqualTo("tool gen\t TOOL   " + suffix + " approved by admin-ada");
        assertThat(Db.dueEvents(dataSource, caseId)).isEqualTo(1);

        // revoked: a case opened from now on waits its interval
        UUID revokedId = UUID.randomUUID();
        Governance.send(toolId, 2, "tool.approval-revoked", Map.of("toolId", toolId.toString(), "tool", "Gen Tool " + suffix,
                "revokedOn", "2026-01-01", "reason", "vendor left the EU"), revokedId);
        await().atMost(60, TimeUnit.SECONDS).until(() -> processed(revokedId) == 1);
        Experiments.Sent afterRevocation = Experiments.reject(department, "gen tool " + suffix, "TOOL_NOT_APPROVED", "P3M");
        UUID waitingId = Experiments.caseIdOf(afterRevocation);
        await().atMost(60, TimeUnit.SECONDS).until(() -> Api.reader().get("/revisits/{id}", waitingId).statusCode() == 200);
        Api.reader().get("/revisits/{id}", waitingId).then().body("status", equalTo("SCHEDULED"));
        assertThat(Db.count(dataSource, "select count(*) from es_event where stream_type = 'case' and stream_id = ?",
                waitingId.toString())).isEqualTo(1);
    }

    /** 450 waiting cases of one tool: an approval brings every one forward once, in ceil(450 / 200) transactions. */
    @Test
    void anApprovalBringsForwardManyCasesInChunksOfShortTransactions() {
        String department = Api.department("many");
        String tool = "Bulk Tool " + UUID.randomUUID().toString().substring(0, 8);
        int count = 450;
        List<UUID> ids = Cases.open(vertx, unitOfWork, cases, count, department, tool, "P3M", MutableClock.INSTANCE.instant(),
                "TOOL_NOT_APPROVED");
        UUID toolId = UUID.randomUUID();
        UUID approvalId = UUID.randomUUID();
        Governance.send(toolId, 1, "tool.approved", Governance.approval(toolId, tool.toUpperCase(), "admin-ada", null, null), approvalId);
        await().atMost(120, TimeUnit.SECONDS).pollInterval(Duration.ofMillis(500)).until(() -> Db.count(dataSource,
                "select count(*) from revisit_case where department = ? and status = 'DUE'", department) == count);
        assertThat(Db.count(dataSource, "select count(*) from es_event where event_type = 'revisit.brought-forward' "
                + "and causation_id = ?", approvalId.toString())).isEqualTo(count);
        assertThat(Db.count(dataSource, "select count(distinct transaction_id) from es_event "
                + "where event_type = 'revisit.brought-forward' and causation_id = ?", approvalId.toString()))
                .isEqualTo((count + WaitingCases.CHUNK - 1) / WaitingCases.CHUNK);
        assertThat(Db.duplicateDues(dataSource, department)).isZero();
        assertThat(Db.count(dataSource, "select count(*) from revisit_approved_tool where event_id = ? and not bring_forward_pending",
                approvalId)).isEqualTo(1);
        assertThat(ids).hasSize(count);
    }

    private long processed(UUID eventId) {
        return Db.count(dataSource, "select count(*) from es_processed_event where event_id = ?", eventId);
    }
}
