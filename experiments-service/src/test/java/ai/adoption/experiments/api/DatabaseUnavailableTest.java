package ai.adoption.experiments.api;

import ai.adoption.experiments.Api;
import ai.adoption.experiments.ReactivePoolHog;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Map;

import static ai.adoption.experiments.Api.FINANCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * When the service cannot get a database connection (here: every connection of the reactive pool is
 * taken, so opening a session times out), a command is answered 503 with Retry-After, nothing is
 * recorded, and the retry succeeds once the database is reachable again.
 */
@QuarkusTest
class DatabaseUnavailableTest {

    @Inject
    AgroalDataSource dataSource;

    @Inject
    Pool pool;

    @ConfigProperty(name = "quarkus.datasource.reactive.max-size")
    int poolSize;

    @Test
    void aCommandWithoutDatabaseIs503AndRecordsNothing() throws Exception {
        Map<String, Object> idea = Api.idea(FINANCE);
        try (ReactivePoolHog ignored = ReactivePoolHog.takeAll(pool, poolSize)) {
            Api.employee("dora", FINANCE).body(idea).post("/ideas").then().statusCode(503)
                    .contentType("application/problem+json").header("Retry-After", "5")
                    .body("status", equalTo(503)).body("title", equalTo("Service unavailable"));
        }
        assertThat(eventsTitled((String) idea.get("title"))).isZero();
        Api.employee("dora", FINANCE).body(idea).post("/ideas").then().statusCode(201);
        assertThat(eventsTitled((String) idea.get("title"))).isEqualTo(1);
    }

    private long eventsTitled(String title) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "select count(*) from es_event where event_type = 'idea.submitted' and payload->>'title' = ?")) {
            ps.setString(1, title);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
