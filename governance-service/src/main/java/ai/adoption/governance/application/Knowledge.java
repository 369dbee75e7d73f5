package ai.adoption.governance.application;

import ai.adoption.eventsourcing.store.Columns;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.time.Instant;

/**
 * The knowledge point a read uses (README, "As known at"): the caller's {@code knownAt}, or the
 * stamped watermark when the caller gives none or a later one. Asking again with the point an answer
 * echoes gives the same answer, whatever was written, committed late, corrected or rebuilt since.
 */
@ApplicationScoped
public class Knowledge {

    private static final Duration AWAIT = Duration.ofSeconds(3);

    private final KnowledgeStamper stamper;

    @Inject
    public Knowledge(KnowledgeStamper stamper) {
        this.stamper = stamper;
    }

    /** On the current session: min(requested, watermark); the watermark when nothing is requested. */
    public Uni<Instant> point(Instant requested) {
        return Sql.rows("select known_through, 0 from gov_knowledge_cursor where id = 1").map(rows -> {
            Instant watermark = Columns.instant(rows.get(0)[0]);
            return requested == null || requested.isAfter(watermark) ? watermark : requested;
        });
    }

    /**
     * Read-your-writes after a command: wakes the stamper and waits (at most a few seconds) until the
     * event at {@code version} of the stream is stamped, then answers the watermark, which includes it.
     * If a long transaction elsewhere holds the gate that long, the watermark as it is.
     */
    public Uni<Instant> afterCommit(String streamType, String streamId, long version) {
        stamper.wake();
        Uni<Instant> stamped = Panache.withSession(() -> Sql.rows("select c.known_through, k.known_at from gov_knowledge_cursor c "
                        + "left join es_event e on e.stream_type = ?1 and e.stream_id = ?2 and e.stream_version = ?3 "
                        + "left join gov_knowledge k on k.global_position = e.global_position where c.id = 1", streamType, streamId, version))
                .map(rows -> {
                    Object[] r = rows.get(0);
                    if (r[1] == null) {
                        throw new NotStampedYet();
                    }
                    return Columns.instant(r[0]);
                });
        return stamped.onFailure(NotStampedYet.class).retry().withBackOff(Duration.ofMillis(5), Duration.ofMillis(50)).expireIn(AWAIT.toMillis())
                .onFailure().recoverWithUni(() -> Panache.withSession(() -> point(null)));
    }

    private static final class NotStampedYet extends RuntimeException {
        NotStampedYet() {
            super("not stamped yet", null, false, false);
        }
    }
}
