package ai.adoption.revisit.application;

import ai.adoption.eventsourcing.store.Columns;
import ai.adoption.eventsourcing.store.EventCodec;
import ai.adoption.eventsourcing.store.PersistenceFailure;
import ai.adoption.revisit.domain.CaseCommand;
import ai.adoption.revisit.domain.CaseEvent;
import ai.adoption.revisit.domain.CaseStatus;
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
 *   <li>claim: the earliest waiting cases whose due time has passed are locked with
 *       {@code FOR UPDATE SKIP LOCKED} (a concurrent scheduler skips them and takes the next ones) and
 *       turned DUE in the read model in the same statement, which returns each case's state and new
 *       stream version. A row another scheduler has just turned DUE is re-checked by PostgreSQL after
 *       its lock is released and no longer qualifies;</li>
 *   <li>append: the decider turns each claimed state into its {@code revisit.due} event for the case's
 *       current cycle, and all of them go into {@code es_event} in one multi-row insert, each at its
 *       stream's next version, so the unique (stream, version) constraint refuses any second writer.</li>
 * </ol>
 * Either both commit or neither does: a scheduler that crashes between the steps leaves the cases
 * SCHEDULED and they are claimed again. So each (case, cycle) gets exactly one {@code revisit.due}.
 */
@ApplicationScoped
public class DueClaims {

    static final String ACTOR = "system:revisit-scheduler";

    private static final String CLAIM = """
            with due as (
                select case_id from revisit_case
                where status = 'SCHEDULED' and due_at <= ?1
                order by due_at
                limit ?2
                for update skip locked)
            update revisit_case c
               set status = 'DUE', version = c.version + 1, due_since = ?1, last_fired_cycle = c.cycle, updated_at = ?1
              from due
             where c.case_id = due.case_id
            returning c.case_id, c.version, c.cycle, c.due_at, c.cycle_started_at, c.department, c.tool, c.title, c.idea_id,
                      c.interval, c.interval_source, c.case_interval
            """;

    private static final String INSERT = "insert into es_event (event_id, stream_type, stream_id, stream_version, event_type, "
            + "schema_version, payload, actor, correlation_id, causation_id, occurred_at) values ";

    private final EventCodec codec;
    private final ai.adoption.eventsourcing.command.CommitSignal commits;
    private final Timer lag;
    private final Counter fired;

    @Inject
    public DueClaims(EventCodec codec, ai.adoption.eventsourcing.command.CommitSignal commits, MeterRegistry meters) {
        this.codec = codec;
        this.commits = commits;
        this.lag = Timer.builder("revisit.scheduler.lag")
                .description("From a case's due time to the commit of its revisit.due event")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofDays(1))
                .register(meters);
        this.fired = Counter.builder("revisit.scheduler.fired").description("revisit.due events appended").register(meters);
    }

    /** Claims and fires up to {@code limit} due cases in one transaction; the number fired. */
    public Uni<List<CaseEvent.CaseDue>> claim(Instant now, int limit, String scheduler) {
        return Panache.withTransaction(() -> Panache.getSession().chain(session -> session
                        .createNativeQuery(CLAIM, Object[].class)
                        .setParameter(1, Columns.utc(now))
                        .setParameter(2, limit)
                        .getResultList()
                        .chain(rows -> append(session, rows, now, scheduler))))
                .onFailure(e -> !(e instanceof PersistenceFailure))
                .transform(e -> new PersistenceFailure("Scheduler claim failed", e))
                .invoke(events -> {
                    if (!events.isEmpty()) {
                        commits.committed();   // wake the outbox relay
                    }
                    for (CaseEvent.CaseDue due : events) {
                        // the lag is measured on the scheduler's clock: from the due time to the firing
                        lag.record(Duration.between(due.dueAt(), now).isNegative() ? Duration.ZERO : Duration.between(due.dueAt(), now));
                    }
                    fired.increment(events.size());
                });
    }

    private Uni<List<CaseEvent.CaseDue>> append(Mutiny.Session session, List<Object[]> rows, Instant now, String scheduler) {
        if (rows.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        List<CaseEvent.CaseDue> events = new ArrayList<>(rows.size());
        List<Long> versions = new ArrayList<>(rows.size());
        for (Object[] r : rows) {
            UUID caseId = Columns.uuid(r[0]);
            long newVersion = Columns.longValue(r[1]);
            int cycle = Columns.intValue(r[2]);
            Origin origin = new Origin(null, Columns.uuid(r[8]), null, Columns.text(r[5]), Columns.text(r[7]), Columns.text(r[6]),
                    null, null, null, null, null, null, null, null);
            RevisitCase state = new RevisitCase(caseId, CaseStatus.SCHEDULED, origin, cycle, Columns.instant(r[4]),
                    Columns.instant(r[3]), Columns.text(r[11]), Columns.text(r[9]),
                    ai.adoption.revisit.domain.IntervalSource.valueOf(Columns.text(r[10])), null);
            List<CaseEvent> decided = Aggregates.CASE.decider().decide(new CaseCommand.MarkDue(cycle, now), state);
            if (decided.size() != 1 || !(decided.get(0) instanceof CaseEvent.CaseDue due)) {
                // the claim only selects what the decider accepts; anything else is a bug: roll the batch back
                throw new IllegalStateException("Case " + caseId + " claimed as due but the decider decided " + decided);
            }
            events.add(due);
            versions.add(newVersion);
        }
        StringBuilder sql = new StringBuilder(INSERT);
        int p = 0;
        for (int i = 0; i < events.size(); i++) {
            sql.append(i == 0 ? "(" : ", (");
            for (int j = 1; j <= 11; j++) {
                String placeholder = "?" + (++p);
                sql.append(j == 1 ? "" : ", ").append(j == 7 ? "cast(cast(" + placeholder + " as text) as jsonb)" : placeholder);
            }
            sql.append(')');
        }
        Mutiny.MutationQuery insert = session.createNativeQuery(sql.toString());
        String correlation = "revisit-scheduler:" + scheduler + ":" + UUID.randomUUID();
        p = 0;
        for (int i = 0; i < events.size(); i++) {
            CaseEvent.CaseDue due = events.get(i);
            insert.setParameter(++p, UUID.randomUUID())
                    .setParameter(++p, Aggregates.CASE.name())
                    .setParameter(++p, due.caseId().toString())
                    .setParameter(++p, versions.get(i))
                    .setParameter(++p, Aggregates.DUE.name())
                    .setParameter(++p, Aggregates.DUE.schemaVersion())
                    .setParameter(++p, codec.encode(due))
                    .setParameter(++p, ACTOR)
                    .setParameter(++p, correlation)
                    .setParameter(++p, "due:" + due.caseId() + ":" + due.cycle())
                    .setParameter(++p, Columns.utc(now));
        }
        return insert.executeUpdate().map(inserted -> events);
    }

    /** The earliest due time of a waiting case, or null. */
    public Uni<Instant> nextDue() {
        return Panache.withSession(() -> Panache.getSession().chain(session -> session
                .createNativeQuery("select min(due_at) from revisit_case where status = 'SCHEDULED'", Object.class)
                .getSingleResultOrNull()
                .map(Columns::instant)));
    }

    /** Cases open (waiting or due) and due now, for the gauges. */
    public Uni<long[]> counts() {
        return Panache.withSession(() -> Panache.getSession().chain(session -> session
                .createNativeQuery("select count(*) filter (where status in ('SCHEDULED', 'DUE')), "
                        + "count(*) filter (where status = 'DUE') from revisit_case where status <> 'CLOSED'", Object[].class)
                .getSingleResult()
                .map(r -> new long[]{Columns.longValue(r[0]), Columns.longValue(r[1])})));
    }
}
