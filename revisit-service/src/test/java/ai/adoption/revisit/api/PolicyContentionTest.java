package ai.adoption.revisit.api;

import ai.adoption.eventsourcing.command.CommandContext;
import ai.adoption.eventsourcing.command.UnitOfWork;
import ai.adoption.eventsourcing.core.Actor;
import ai.adoption.revisit.Api;
import ai.adoption.revisit.Cases;
import ai.adoption.revisit.Db;
import ai.adoption.revisit.MutableClock;
import ai.adoption.eventsourcing.command.ExpectedVersion;
import ai.adoption.revisit.application.CaseService;
import ai.adoption.revisit.application.PolicyService;
import ai.adoption.revisit.domain.PolicyCommand;
import ai.adoption.revisit.application.WaitingCases;
import ai.adoption.revisit.domain.CaseSource;
import ai.adoption.revisit.domain.Origin;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A department policy change against cases being opened meanwhile, and against many waiting cases. */
@QuarkusTest
class PolicyContentionTest {

    @Inject
    AgroalDataSource dataSource;
    @Inject
    Vertx vertx;
    @Inject
    UnitOfWork unitOfWork;
    @Inject
    CaseService cases;
    @Inject
    PolicyService policies;

    /**
     * A case is being opened (it has resolved its department's interval, its transaction is still open)
     * when the department's policy changes. The change waits for it and then reschedules it: the case
     * never keeps the old interval.
     */
    @Test
    void aCaseOpenedWhileThePolicyChangesEndsUpOnTheNewInterval() throws Exception {
        String department = Api.department("race");
        UUID sourceEventId = UUID.randomUUID();
        UUID caseId = CaseService.caseIdFor(sourceEventId);
        Instant start = MutableClock.INSTANCE.instant();
        CompletableFuture<Void> resolved = new CompletableFuture<>();
        CompletableFuture<Void> release = new CompletableFuture<>();
        CompletableFuture<Instant> opening = CompletableFuture.supplyAsync(() -> Cases.onContext(vertx, () -> unitOfWork.transact(() -> {
            Origin origin = new Origin(CaseSource.REJECTION, UUID.randomUUID(), null, department, "racing", "Copilot", "alice",
                    "COST", null, null, null, "fiona", sourceEventId, "idea.rejected");
            CommandContext context = new CommandContext(Actor.system("test"), "corr", sourceEventId.toString(),
                    MutableClock.INSTANCE.instant());
            return cases.open(origin, null, start, context)
                    .call(due -> {
                        io.vertx.core.Context eventLoop = Vertx.currentContext();
                        resolved.complete(null);
                        // held open until released, then back on the transaction's own context
                        return Uni.createFrom().completionStage(release).emitOn(task -> eventLoop.runOnContext(ignored -> task.run()));
                    });
        })));
        resolved.get(60, TimeUnit.SECONDS);

        CompletableFuture<Response> change = CompletableFuture.supplyAsync(() -> Api.ambassador(department)
                .body(Map.of("interval", "P1M", "reason", "faster")).put("/revisit-policies/{d}", department));
        await().atMost(30, TimeUnit.SECONDS).until(() -> change.isDone() || Db.count(dataSource,
                "select count(*) from pg_stat_activity where wait_event_type = 'Lock' and wait_event = 'advisory'") > 0);
        release.complete(null);
        opening.get(60, TimeUnit.SECONDS);
        assertThat(change.get(60, TimeUnit.SECONDS).statusCode()).isEqualTo(201);

        List<Object[]> row = Db.rows(dataSource, "select interval, interval_source, due_at from revisit_case where case_id = ?", caseId);
        assertThat(row.get(0)[0]).isEqualTo("P1M");
        assertThat(row.get(0)[1]).isEqualTo("DEPARTMENT");
    }

    /** 450 cases follow their department's policy: a change reschedules every one, in ceil(450 / 200) short transactions. */
    @Test
    void aPolicyChangeReschedulesManyCasesInChunksOfShortTransactions() {
        String department = Api.department("bulk");
        int count = 450;
        Cases.open(vertx, unitOfWork, cases, count, department, "Copilot", null, MutableClock.INSTANCE.instant());
        Actor ambassador = new Actor("amb-" + department, Set.of("ambassador"), department);
        CommandContext context = new CommandContext(ambassador, "corr-" + department, "cmd-" + department, MutableClock.INSTANCE.instant());
        PolicyService.Changed changed = Cases.onContext(vertx, () -> policies.handle(department, ExpectedVersion.ANY,
                new PolicyCommand.SetDepartmentInterval(ambassador, department, "P2M", null), context));
        assertThat(changed.rescheduled()).isEqualTo(count);
        assertThat(Db.count(dataSource, "select count(*) from revisit_case where department = ? and interval = 'P2M' "
                + "and interval_source = 'DEPARTMENT'", department)).isEqualTo(count);
        assertThat(Db.count(dataSource, "select count(distinct transaction_id) from es_event where event_type = 'revisit.rescheduled' "
                + "and payload->>'caseId' in (select case_id::text from revisit_case where department = ?)", department))
                .isEqualTo((count + WaitingCases.CHUNK - 1) / WaitingCases.CHUNK);
        assertThat(Db.count(dataSource, "select count(*) from revisit_policy where department = ? and rescheduled_version = version",
                department)).isEqualTo(1);
    }
}
