package ai.adoption.eventsourcing.store;

import io.quarkus.reactive.pg.client.PgPoolCreator;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The reactive pool that Hibernate Reactive runs on, with what Quarkus' configuration does not
 * expose: how long a request waits for a connection before it fails (and is answered 503 with
 * Retry-After), instead of the driver's default of 30 s.
 */
@Singleton
public class ReactivePool implements PgPoolCreator {

    private final Duration acquisitionTimeout;

    @Inject
    public ReactivePool(@ConfigProperty(name = "eventsourcing.datasource.acquisition-timeout", defaultValue = "5s")
                        Duration acquisitionTimeout) {
        this.acquisitionTimeout = acquisitionTimeout;
    }

    @Override
    public Pool create(Input input) {
        PoolOptions options = input.poolOptions()
                .setConnectionTimeout((int) Math.max(1, acquisitionTimeout.toMillis()))
                .setConnectionTimeoutUnit(TimeUnit.MILLISECONDS);
        return PgBuilder.pool().with(options).connectingTo(java.util.List.<io.vertx.sqlclient.SqlConnectOptions>copyOf(input.pgConnectOptionsList())).using(input.vertx()).build();
    }
}
