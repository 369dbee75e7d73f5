package ai.adoption.eventsourcing.support;

import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Makes the database unavailable to the service as its requests see it: takes every connection of
 * the reactive pool that Hibernate Reactive runs on, so that sessions cannot open and time out
 * (the driver answers exactly as it does when PostgreSQL is unreachable or saturated).
 */
public final class ReactivePoolHog implements AutoCloseable {

    private final List<SqlConnection> held = new ArrayList<>();

    private ReactivePoolHog() {
    }

    public static ReactivePoolHog takeAll(Pool pool, int size) {
        ReactivePoolHog hog = new ReactivePoolHog();
        for (int i = 0; i < size; i++) {
            hog.held.add(pool.getConnection().await().atMost(Duration.ofSeconds(10)));
        }
        return hog;
    }

    @Override
    public void close() {
        for (SqlConnection connection : held) {
            connection.close().await().atMost(Duration.ofSeconds(10));
        }
        held.clear();
    }
}
