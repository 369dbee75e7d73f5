package ai.adoption.dashboard.application;

import ai.adoption.dashboard.domain.ActivityItem;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads of the activity feed, each one constant statement walking the primary key (or
 * {@code (department, id)}), so a page costs the same at id 10 and at id 10,000,000.
 */
@ApplicationScoped
public class FeedQueries {

    /** A page of items after an id, with the feed's bounds read in the same snapshot. */
    public record FeedPage(List<ActivityItem> items, long latest, long oldest) {
    }

    /** The feed's bounds: the last id handed out, and the smallest kept (latest + 1 when none is kept). */
    public record Bounds(long latest, long oldest) {
    }

    private static final String COLUMNS = "f.id, f.type, f.department, f.subject, f.title, f.occurred_at, f.summary";
    private static final String PAGE_ALL = """
            with head as (select last_id, coalesce((select min(id) from dashboard_feed), last_id + 1) as oldest from dashboard_feed_head)
            select head.last_id, head.oldest, %s from head left join lateral (
                select * from dashboard_feed where id > $1 order by id limit $2) f on true order by f.id""".formatted(COLUMNS);
    private static final String PAGE_DEPARTMENT = """
            with head as (select last_id, coalesce((select min(id) from dashboard_feed), last_id + 1) as oldest from dashboard_feed_head)
            select head.last_id, head.oldest, %s from head left join lateral (
                select * from dashboard_feed where department = $3 and id > $1 order by id limit $2) f on true order by f.id"""
            .formatted(COLUMNS);
    private static final String RANGE_ALL = "select " + COLUMNS + " from dashboard_feed f where f.id > $1 and f.id <= $2 order by f.id limit $3";
    private static final String RANGE_DEPARTMENT = "select " + COLUMNS
            + " from dashboard_feed f where f.department = $4 and f.id > $1 and f.id <= $2 order by f.id limit $3";
    private static final String BOUNDS = "select last_id, coalesce((select min(id) from dashboard_feed), last_id + 1) from dashboard_feed_head";

    private final Pool pool;

    @Inject
    public FeedQueries(Pool pool) {
        this.pool = pool;
    }

    /** Items with id > after, in id order; {@code department} null: every department (and none). */
    public Uni<FeedPage> page(long after, int limit, String department) {
        Uni<RowSet<Row>> rows = department == null
                ? pool.preparedQuery(PAGE_ALL).execute(Tuple.of(after, limit))
                : pool.preparedQuery(PAGE_DEPARTMENT).execute(Tuple.of(after, limit, department));
        return rows.map(set -> {
            List<ActivityItem> items = new ArrayList<>();
            long latest = 0;
            long oldest = 1;
            for (Row row : set) {
                latest = row.getLong(0);
                oldest = row.getLong(1);
                if (row.getLong(2) != null) {
                    items.add(item(row, 2));
                }
            }
            return new FeedPage(items, latest, oldest);
        });
    }

    /** Items with {@code after < id <= upTo} in id order, at most {@code limit}; the stream's replay. */
    public Uni<List<ActivityItem>> range(long after, long upTo, int limit, String department) {
        Uni<RowSet<Row>> rows = department == null
                ? pool.preparedQuery(RANGE_ALL).execute(Tuple.of(after, upTo, limit))
                : pool.preparedQuery(RANGE_DEPARTMENT).execute(Tuple.of(after, upTo, limit, department));
        return rows.map(FeedQueries::items);
    }

    public Uni<Bounds> bounds() {
        return pool.preparedQuery(BOUNDS).execute().map(set -> {
            Row row = set.iterator().next();
            return new Bounds(row.getLong(0), row.getLong(1));
        });
    }

    static List<ActivityItem> items(RowSet<Row> set) {
        List<ActivityItem> items = new ArrayList<>(set.size());
        for (Row row : set) {
            items.add(item(row, 0));
        }
        return items;
    }

    private static ActivityItem item(Row row, int at) {
        return new ActivityItem(row.getLong(at), row.getString(at + 1), row.getString(at + 2), row.getString(at + 3),
                row.getString(at + 4), row.getOffsetDateTime(at + 5).toInstant(), row.getString(at + 6));
    }
}
