package ai.adoption.governance.application;

import ai.adoption.eventsourcing.store.Columns;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The knowledge point a read uses (README, "As known at"): the caller's {@code knownAt}, or the
 * stamped watermark when the caller gives none or a later one. Asking again with the point an answer
 * echoes gives the same answer, whatever was written, committed late, corrected or rebuilt since.
 */
@ApplicationScoped
public class Knowledge {

    private static final Duration AWAIT = Duration.ofSeconds(3);
    private static final Duration POINT_AWAIT = Duration.ofMillis(500);

    private final KnowledgeStamper stamper;

    @Inject
    public Knowledge(KnowledgeStamper stamper) {
        this.stamper = stamper;
    }

    /**
     * On the current session: the point a read with {@code requested} uses (truncated to the store's
     * microseconds). Nothing requested: the watermark. A point the watermark has passed: itself, final.
     * A point in the past that the watermark has not reached yet (it trails the clock by one stamping
     * round): the stamper is woken and the read waits, a few hundred milliseconds at most, until it
     * does, so that the answer for that point is final too. A point later than the database's clock, or
     * one that a long transaction elsewhere keeps the watermark from reaching in time: the watermark,
     * and the answer says so by echoing it.
     */
    public Uni<Instant> point(Instant requested) {
        Instant wanted = requested == null ? null : requested.truncatedTo(ChronoUnit.MICROS);
        Uni<Instant> reached = Sql.rows("select known_through, clock_timestamp() from gov_knowledge_cursor where id = 1").map(rows -> {
            Instant watermark = Columns.instant(rows.get(0)[0]);
            if (wanted == null || !wanted.isAfter(watermark)) {
                return wanted == null ? watermark : wanted;
            }
            if (wanted.isAfter(Columns.instant(rows.get(0)[1]))) {
                throw new AfterTheClock();
            }
            stamper.wake();
            throw new NotStampedYet();
        });
        return reached.onFailure(NotStampedYet.class).retry().withBackOff(Duration.ofMillis(5), Duration.ofMillis(40))
                .expireIn(POINT_AWAIT.toMillis())
                // out of time (or after the clock): the watermark as it is now; a database failure fails this read too
                .onFailure().recoverWithUni(() -> watermark());
    }

    private static Uni<Instant> watermark() {
        return Sql.rows("select known_through, 0 from gov_knowledge_cursor where id = 1").map(rows -> Columns.instant(rows.get(0)[0]));
    }

    /**
     * Read-your-writes after a command: wakes the stamper and waits (at most a few seconds) until the
     * event at {@code version} of the stream is stamped, then answers the watermark, which includes it.
     * If a long transaction elsewhere holds the gate that long, the watermark as it is.
     */
    public Uni<Instant> afterCommit(String streamType, String streamId, long version) {
        stamper.wake();
        Uni<Instant> stamped = Panache.withSession(() -> Sql.rows("select c.known_through, k.known_at from gov_knowledge_cursor c "
                        + "left join es_event e on e.stream_type = ?1 and e.stream_id = ?2 and e.stream_version = "
                        + "(case when ?3 > 0 then ?3 else (select max(l.stream_version) from es_event l where l.stream_type = ?1 "
                        + "and l.stream_id = ?2) end) "
                        + "left join gov_knowledge k on k.global_position = e.global_position where c.id = 1", streamType, streamId, version))
                .map(rows -> {
                    Object[] r = rows.get(0);
                    if (r[1] == null) {
                        throw new NotStampedYet();
                    }
                    return Columns.instant(r[0]);
                });
        return stamped.onFailure(NotStampedYet.class).retry().withBackOff(Duration.ofMillis(5), Duration.ofMillis(50)).expireIn(AWAIT.toMillis())
                .onFailure().recoverWithUni(() -> Panache.withSession(Knowledge::watermark));
    }

    /** {@link #afterCommit(String, String, long)} for the stream's latest event, committed by the caller's unit of work. */
    public Uni<Instant> afterCommit(String streamType, String streamId) {
        return afterCommit(streamType, streamId, 0);
    }

    private static final class NotStampedYet extends RuntimeException {
        NotStampedYet() {
            super("not stamped yet", null, false, false);
        }
    }

    /** The point is later than the database's clock: no wait reaches it. */
    private static final class AfterTheClock extends RuntimeException {
        AfterTheClock() {
            super("after the clock", null, false, false);
        }
    }
}
