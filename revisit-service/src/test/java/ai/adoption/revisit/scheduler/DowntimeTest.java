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
 * Acceptance 4: the scheduler is down while the clock moves past three cycles of every case; when
 * it starts again each case fires once (cycle 1), not three times, and nothing more fires afterwards.
 */
@QuarkusTest
class DowntimeTest {

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
    void afterDowntimeACaseThatMissedThreeCyclesFiresOnce() throws Exception {
        DueScheduler local = lifecycle.local().orElseThrow();
        local.stop();
        String department = Api.department("downtime");
        Instant start = MutableClock.INSTANCE.instant();
        List<UUID> ids;
        try {
            ids = Cases.open(vertx, unitOfWork, cases, 60, department, "Mistral", "PT10M", start);
            // down for three and a half cycles
            MutableClock.INSTANCE.advance(Duration.ofMinutes(35));
            Thread.sleep(500);
            assertThat(Db.dueEventsOfDepartment(dataSource, department)).isZero();
        } finally {
            local.start();
        }
        await().atMost(120, TimeUnit.SECONDS).pollInterval(Duration.ofMillis(500))
                .until(() -> Db.count(dataSource, "select count(*) from revisit_case where department = ? and status = 'DUE'",
                        department) == ids.size());
        // give it time to (wrongly) fire more, and wake it a few times
        for (int i = 0; i < 3; i++) {
            lifecycle.wakeAll();
            Thread.sleep(700);
        }
        for (UUID id : ids) {
            assertThat(Db.dueEvents(dataSource, id)).as("revisit.due of " + id).isEqualTo(1);
        }
        assertThat(Db.count(dataSource, "select count(*) from es_event where event_type = 'revisit.due' "
                + "and payload->>'department' = ? and payload->>'cycle' <> '1'", department)).isZero();
    }
}
