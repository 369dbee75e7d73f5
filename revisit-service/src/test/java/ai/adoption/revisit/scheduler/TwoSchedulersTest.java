package ai.adoption.revisit.scheduler;

import ai.adoption.eventsourcing.command.UnitOfWork;
import ai.adoption.revisit.Api;
import ai.adoption.revisit.Cases;
import ai.adoption.revisit.Db;
import ai.adoption.revisit.MutableClock;
import ai.adoption.revisit.application.CaseService;
import ai.adoption.revisit.application.scheduler.DueScheduler;
import ai.adoption.revisit.application.scheduler.SchedulerLifecycle;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Acceptance 3: two scheduler instances on one database (each on its own sessions and connections),
 * 2,000 cases due at the same moment: every case fires exactly once for its cycle, counted as
 * revisit.due events per (case, cycle) in the event store. The application's own scheduler is
 * stopped meanwhile so that the two really compete.
 */
@QuarkusTest
class TwoSchedulersTest {

    static final int CASES = 2000;

    @Inject
    Vertx vertx;
    @Inject
    UnitOfWork unitOfWork;
    @Inject
    CaseService cases;
    @Inject
    SchedulerLifecycle lifecycle;
    @Inject
    AgroalDataSource dataSource;

    @Test
    void twoSchedulersFireEachOf2000DueCasesExactlyOnce() {
        DueScheduler local = lifecycle.local().orElseThrow();
        local.stop();
        DueScheduler a = lifecycle.newScheduler("test-a", 50);
        DueScheduler b = lifecycle.newScheduler("test-b", 50);
        try {
            String department = Api.department("contention");
            // all due at the same moment, a minute from now
            Instant start = MutableClock.INSTANCE.instant().minus(Duration.ofHours(1)).plus(Duration.ofMinutes(1));
            List<UUID> ids = Cases.open(vertx, unitOfWork, cases, CASES, department, "Gemini", "PT1H", start);
            assertThat(ids).hasSize(CASES).doesNotHaveDuplicates();
            assertThat(Db.dueEventsOfDepartment(dataSource, department)).isZero();

            a.start();
            b.start();
            MutableClock.INSTANCE.advance(Duration.ofMinutes(2));
            a.wakeNow();
            b.wakeNow();
            await().atMost(180, TimeUnit.SECONDS).pollInterval(Duration.ofMillis(500))
                    .until(() -> Db.count(dataSource, "select count(*) from revisit_case where department = ? and status = 'DUE'",
                            department) == CASES);
            assertThat(Db.dueEventsOfDepartment(dataSource, department)).isEqualTo(CASES);
            assertThat(Db.duplicateDues(dataSource, department)).isZero();
            assertThat(Db.count(dataSource, "select count(distinct stream_id) from es_event where event_type = 'revisit.due' "
                    + "and payload->>'department' = ? and payload->>'cycle' = '1'", department)).isEqualTo(CASES);
            // both took part (batches of 50: 40 claims to share)
            assertThat(a.fired()).isPositive();
            assertThat(b.fired()).isPositive();
            // the read model's version is the stream's: two events per case, nothing lost, nothing doubled
            assertThat(Db.count(dataSource, "select count(*) from revisit_case c where department = ? and version = "
                    + "(select max(stream_version) from es_event e where e.stream_type = 'case' and e.stream_id = c.case_id::text)",
                    department)).isEqualTo(CASES);
        } finally {
            lifecycle.remove(a);
            lifecycle.remove(b);
            local.start();
        }
    }
}
