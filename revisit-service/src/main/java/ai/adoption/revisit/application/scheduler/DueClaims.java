package ai.adoption.revisit.application.scheduler;

import ai.adoption.eventsourcing.command.CommitSignal;
import ai.adoption.eventsourcing.store.Columns;
import ai.adoption.eventsourcing.store.EventCodec;
import ai.adoption.eventsourcing.store.EventStore;
import ai.adoption.eventsourcing.store.PersistenceFailure;
import ai.adoption.revisit.application.Aggregates;
import ai.adoption.revisit.domain.CaseCommand;
import ai.adoption.revisit.domain.CaseEvent;
import ai.adoption.revisit.domain.CaseStatus;
import ai.adoption.revisit.domain.IntervalSource;
import ai.adoption.revisit.domain.Origin;
import ai.adoption.revisit.domain.RevisitCase;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.hibernate.reactive.mutiny.Mutiny;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The scheduler's database work. One claim is one transaction of two statements, whatever the batch size:
 * <ol>
 *   <li>claim: the earliest waiting cases whose due time has passed on the database's clock are locked
 *       with {@code FOR UPDATE SKIP LOCKED} (a concurrent scheduler skips them and takes the next ones)
 *       and turned DUE in the read model in the same statement, which returns each case's state, its
 *       new stream version and the claim's "now". A row another scheduler has just turned DUE is
 *       re-checked by PostgreSQL after its lock is released and no longer qualifies;</li>
 *   <li>append: the decider turns each claimed state into its {@code revisit.due} event for the case's
 *       current cycle, and all of them go into the event store in one {@link EventStore#appendBatch}
 *       (the one write path every writer uses), each at its stream's next version, so the unique
 *       (stream, version) constraint refuses any second writer.</li>
 * </ol>
 * Either both commit or neither does: a scheduler that crashes between the steps leaves the cases
 * SCHEDULED and they are claimed again. So each (case, cycle) gets exactly one {@code revisit.due}.
 * "Now" is the database's ({@link DatabaseClock}), so two instances never disagree on what is due.
 */
@ApplicationScoped
public class DueClaims {

    static final String ACTOR = "system:revisit-scheduler";

    /** The database's now, plus the tests' offset (?1, microseconds). */
    private static final String NOW = "(now() + cast(?1 as bigint) * interval '1 microsecond')";

    private static final String CLAIM = """
            with due as (
                select case_id from revisit_case
                where status = 'SCHEDULED' and due_at <= %1$s
                order by due_at
                limit ?2
                for update skip locked)
            update revisit_case c
               set status = 'DUE', version = c.version + 1, due_since = %1$s, last_fired_cycle = c.cycle, updated_at = %1$s
              from due
             where c.case_id = due.case_id
            returning c.case_id, c.version, c.cycle, c.due_at, c.cycle_started_at, c.department, c.tool, c.title, c.idea_id,
                      c.interval, c.interval_source, c.case_interval, %1$s
            """.formatted(NOW);

    private final EventStore store;
    private final EventCodec codec;
    private final CommitSignal commits;
    private final DatabaseClock clock;
    private final Timer lag;
    private final Counter fired;

    @Inject
    public DueClaims(EventStore store, EventCodec codec, CommitSignal commits, DatabaseClock clock, MeterRegistry meters) {
        this.store = store;
        this.codec = codec;
        this.commits = commits;
        this.clock = clock;
        this.lag = Timer.builder("revisit.scheduler.lag")
                .description("From a case's due time to the commit of its revisit.due event")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofDays(1))
                .register(meters);
        this.fired = Counter.builder("revisit.scheduler.fired").description("revisit.due events appended").register(meters);
    }

    /** Claims and fires up to {@code limit} due cases in one transaction; the events appended. */
    public Uni<List<CaseEvent.CaseDue>> claim(int limit, String scheduler) {
        return Panache.withTransaction(() -> Panache.getSession().chain(session -> session
                        .createNativeQuery(CLAIM, Object[].class)
                        .setParameter(1, offsetMicros())
                        .setParameter(2, limit)
                        .getResultList()
                        .chain(rows -> append(session, rows, scheduler))))
                .onFailure(e -> !(e instanceof PersistenceFailure))
                .transform(e -> new PersistenceFailure("Scheduler claim failed", e))
                .invoke(events -> {
                    if (!events.isEmpty()) {
                        commits.committed();   // wake the outbox relay
                    }
                    for (CaseEvent.CaseDue due : events) {
                        Duration late = Duration.between(due.dueAt(), due.firedAt());
                        lag.record(late.isNegative() ? Duration.ZERO : late);
                    }
                    fired.increment(events.size());
                });
    }

    private Uni<List<CaseEvent.CaseDue>> append(Mutiny.Session session, List<Object[]> rows, String scheduler) {
        if (rows.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        List<CaseEvent.CaseDue> events = new ArrayList<>(rows.size());
        List<EventStore.Appending> batch = new ArrayList<>(rows.size());
        String correlation = "revisit-scheduler:" + scheduler + ":" + UUID.randomUUID();
        for (Object[] r : rows) {
            UUID caseId = Columns.uuid(r[0]);
            long newVersion = Columns.longValue(r[1]);
            int cycle = Columns.intValue(r[2]);
            Instant now = Columns.instant(r[12]);
            Origin origin = new Origin(null, Columns.uuid(r[8]), null, Columns.text(r[5]), Columns.text(r[7]), Columns.text(r[6]),
                    null, null, null, null, null, null, null, null);
            RevisitCase state = new RevisitCase(caseId, CaseStatus.SCHEDULED, origin, cycle, Columns.instant(r[4]),
                    Columns.instant(r[3]), Columns.text(r[11]), Columns.text(r[9]), IntervalSource.valueOf(Columns.text(r[10])), null);
            List<CaseEvent> decided = Aggregates.CASE.decider().decide(new CaseCommand.MarkDue(cycle, now), state);
            if (decided.size() != 1 || !(decided.get(0) instanceof CaseEvent.CaseDue due)) {
                // the claim only selects what the decider accepts; anything else is a bug: roll the batch back
                throw new IllegalStateException("Case " + caseId + " claimed as due but the decider decided " + decided);
            }
            events.add(due);
            batch.add(new EventStore.Appending(Aggregates.CASE.name(), caseId.toString(), newVersion,
                    new EventStore.NewEvent(UUID.randomUUID(), Aggregates.DUE, codec.encode(due), now),
                    new EventStore.Metadata(ACTOR, correlation, "due:" + caseId + ":" + cycle)));
        }
        return store.appendBatch(session, batch).replaceWith(events);
    }

    /**
     * Milliseconds from the database's now to the earliest due time of a waiting case (zero or less:
     * due already), or null when nothing waits.
     */
    public Uni<Long> untilNextDue() {
        return Panache.withSession(() -> Panache.getSession().chain(session -> session
                .createNativeQuery("select cast(floor(extract(epoch from min(due_at) - " + NOW + ") * 1000) as bigint) "
                        + "from revisit_case where status = 'SCHEDULED'", Object.class)
                .setParameter(1, offsetMicros())
                .getSingleResultOrNull()
                .map(v -> v == null ? null : Columns.longValue(v))));
    }

    /** Cases open (waiting or due) and due now, for the gauges. */
    public Uni<long[]> counts() {
        return Panache.withSession(() -> Panache.getSession().chain(session -> session
                .createNativeQuery("select count(*) filter (where status in ('SCHEDULED', 'DUE')), "
                        + "count(*) filter (where status = 'DUE') from revisit_case where status <> 'CLOSED'", Object[].class)
                .getSingleResult()
                .map(r -> new long[]{Columns.longValue(r[0]), Columns.longValue(r[1])})));
    }

    private long offsetMicros() {
        Duration offset = clock.offset();
        return offset.getSeconds() * 1_000_000L + offset.getNano() / 1_000;
    }
}
