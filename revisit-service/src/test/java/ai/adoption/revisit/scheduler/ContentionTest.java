package ai.adoption.revisit.scheduler;

import ai.adoption.eventsourcing.command.UnitOfWork;
import ai.adoption.revisit.Api;
import ai.adoption.revisit.Cases;
import ai.adoption.revisit.Db;
import ai.adoption.revisit.MutableClock;
import ai.adoption.revisit.application.CaseService;
import ai.adoption.revisit.application.scheduler.DueClaims;
import ai.adoption.revisit.application.scheduler.DueScheduler;
import ai.adoption.revisit.application.scheduler.SchedulerLifecycle;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The scheduler against the other writers of a case, and against clocks that disagree. */
@QuarkusTest
class ContentionTest {

    @Inject
    Vertx vertx;
    @Inject
    UnitOfWork unitOfWork;
    @Inject
    CaseService cases;
    @Inject
    SchedulerLifecycle lifecycle;
    @Inject
    DueClaims claims;
    @Inject
    AgroalDataSource dataSource;

    /**
     * A scheduler's claim holds a due case's row and is about to append its revisit.due when an HTTP
     * command on that case arrives. The command waits for the row before it appends, so the claim
     * commits and the command then decides on the due case: no deadlock, no 503, no rolled-back batch.
     */
    @Test
    void anHttpCaseCommandWaitsForTheSchedulersClaimInsteadOfDeadlockingWithIt() throws Exception {
        DueScheduler local = lifecycle.local().orElseThrow();
        local.stop();
        try {
            String department = Api.department("claimed");
            Instant start = MutableClock.INSTANCE.instant().minus(Duration.ofHours(2));
            UUID caseId = Cases.open(vertx, unitOfWork, cases, 1, department, "Claude", "PT1H", start).get(0);
            try (Connection claim = dataSource.getConnection()) {
                claim.setAutoCommit(false);
                // the claim: the row locked and turned DUE, as DueClaims' first statement does
                try (PreparedStatement st = claim.prepareStatement("update revisit_case set status = 'DUE', version = version + 1, "
                        + "last_fired_cycle = cycle, due_since = now() where case_id = ?")) {
                    st.setObject(1, caseId);
                    assertThat(st.executeUpdate()).isEqualTo(1);
                }
                CompletableFuture<Response> command = CompletableFuture.supplyAsync(() -> Api.ambassador(department)
                        .body(Map.of("interval", "P1M")).put("/revisits/{id}/interval", caseId));
                await().atMost(30, TimeUnit.SECONDS).until(() -> command.isDone() || Db.count(dataSource,
                        "select count(*) from pg_stat_activity where wait_event_type = 'Lock' and query like '%revisit_case%'") > 0);
                // the claim's append: revisit.due at the case's next version
                try (PreparedStatement st = claim.prepareStatement("insert into es_event (event_id, stream_type, stream_id, "
                        + "stream_version, event_type, schema_version, payload, actor, occurred_at) values (?, 'case', ?, 2, "
                        + "'revisit.due', 1, cast(? as jsonb), 'system:revisit-scheduler', now())")) {
                    st.setObject(1, UUID.randomUUID());
                    st.setString(2, caseId.toString());
                    st.setString(3, "{\"caseId\":\"" + caseId + "\",\"cycle\":1,\"dueAt\":\"" + start.plus(Duration.ofHours(1))
                            + "\",\"firedAt\":\"" + Instant.now() + "\",\"department\":\"" + department + "\",\"tool\":\"Claude\","
                            + "\"title\":\"t\",\"ideaId\":\"" + UUID.randomUUID() + "\"}");
                    st.executeUpdate();
                }
                claim.commit();
                Response answer = command.get(60, TimeUnit.SECONDS);
                assertThat(answer.statusCode()).as(answer.asString()).isEqualTo(200);
            }
            assertThat(Db.rows(dataSource, "select event_type from es_event where stream_type = 'case' and stream_id = ? "
                    + "order by stream_version", caseId.toString())).extracting(r -> r[0])
                    .containsExactly("revisit.opened", "revisit.due", "revisit.interval-set");
        } finally {
            local.start();
        }
    }

    /**
     * What is due is decided on the database's clock: a scheduler whose JVM clock runs a day ahead
     * fires nothing early; once the time has come (here: the tests' clock offset, which is the
     * database clock's), it fires.
     */
    @Test
    void aSchedulerWithAClockADayAheadFiresNothingEarly() throws Exception {
        DueScheduler local = lifecycle.local().orElseThrow();
        local.stop();
        Clock dayAhead = Clock.offset(Clock.system(ZoneOffset.UTC), Duration.ofDays(1).plus(
                Duration.between(Instant.now(), MutableClock.INSTANCE.instant())));
        DueScheduler skewed = new DueScheduler("skewed", vertx, claims, dayAhead, 50, Duration.ofSeconds(1));
        try {
            String department = Api.department("skew");
            List<UUID> ids = Cases.open(vertx, unitOfWork, cases, 3, department, "Mistral", "PT1H", MutableClock.INSTANCE.instant());
            skewed.start();
            skewed.wakeNow();
            Thread.sleep(2500);
            assertThat(Db.dueEventsOfDepartment(dataSource, department)).isZero();
            assertThat(skewed.rounds()).isPositive();

            MutableClock.INSTANCE.advance(Duration.ofHours(2));
            skewed.wakeNow();
            await().atMost(60, TimeUnit.SECONDS).until(() -> Db.dueEventsOfDepartment(dataSource, department) == ids.size());
        } finally {
            skewed.stop();
            local.start();
        }
    }
}
