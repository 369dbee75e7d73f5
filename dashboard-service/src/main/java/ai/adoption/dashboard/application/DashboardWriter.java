package ai.adoption.dashboard.application;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hibernate.reactive.mutiny.Mutiny;

import java.util.List;

/**
 * The one writer of the dashboard: a consumed event's effects (the counters, the revisit list, the
 * register) and then its feed item, all on the consumer's transaction (which also holds the event's
 * processed mark), so they commit together or not at all.
 * <p>
 * The feed id comes from the single row {@code dashboard_feed_head}, incremented in the same
 * statement that inserts the item, the transaction's last: its row lock is held until COMMIT, so the
 * writers of all channels queue there, ids are dense (a rollback takes its increment back) and become
 * visible in id order. Taking it last keeps the queue short (only the insert and the commit wait) and
 * never holds it while waiting for another lock, so it is in no deadlock; the counters' own row locks
 * may deadlock between two channels now and then, which PostgreSQL breaks (40P01) and the consumer
 * retries in place.
 */
@ApplicationScoped
public class DashboardWriter {

    static final String APPEND = """
            with head as (update dashboard_feed_head set last_id = last_id + 1 returning last_id)
            insert into dashboard_feed (id, event_id, type, department, subject, title, occurred_at, summary)
            select head.last_id, ?1, ?2, coalesce(cast(?3 as text), s.department), ?4, coalesce(cast(?5 as text), s.title), ?6, ?7
            from head left join dashboard_subject s on s.subject = ?4
            returning id""";
    static final String TRIM = "delete from dashboard_feed where id <= ?1";

    private final long keep;
    private final long trimEvery;

    @Inject
    public DashboardWriter(@ConfigProperty(name = "dashboard.feed.keep", defaultValue = "100000") long keep,
                           @ConfigProperty(name = "dashboard.feed.trim-every", defaultValue = "1000") long trimEvery) {
        if (keep < 1 || trimEvery < 1) {
            throw new IllegalArgumentException("dashboard.feed.keep and dashboard.feed.trim-every must be at least 1");
        }
        this.keep = keep;
        this.trimEvery = trimEvery;
    }

    /** Runs the effects in order, then appends the item; on the current (consumer's) transaction. */
    public Uni<Long> record(FeedEntry entry, List<Sql> effects) {
        return Panache.getSession().chain(session -> {
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (Sql effect : effects) {
                chain = chain.chain(() -> execute(session, effect));
            }
            return chain.chain(() -> append(session, entry));
        });
    }

    private Uni<Long> append(Mutiny.Session session, FeedEntry entry) {
        return session.createNativeQuery(APPEND)
                .setParameter(1, entry.eventId())
                .setParameter(2, entry.type())
                .setParameter(3, entry.department())
                .setParameter(4, entry.subject())
                .setParameter(5, entry.title())
                .setParameter(6, entry.occurredAt())
                .setParameter(7, entry.summary())
                .getSingleResult()
                .map(id -> ((Number) id).longValue())
                .call(id -> trim(session, id));
    }

    /** Every trim-every items, one bounded delete of what fell out of the kept window. */
    private Uni<?> trim(Mutiny.Session session, long id) {
        if (id % trimEvery != 0 || id <= keep) {
            return Uni.createFrom().voidItem();
        }
        return session.createNativeQuery(TRIM).setParameter(1, id - keep).executeUpdate();
    }

    private static Uni<Void> execute(Mutiny.Session session, Sql sql) {
        var query = session.createNativeQuery(sql.text());
        for (int i = 0; i < sql.parameters().size(); i++) {
            query.setParameter(i + 1, sql.parameters().get(i));
        }
        return query.executeUpdate().replaceWithVoid();
    }
}
