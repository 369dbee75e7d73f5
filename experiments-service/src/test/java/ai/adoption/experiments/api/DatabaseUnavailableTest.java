package ai.adoption.experiments.api;

import ai.adoption.experiments.Api;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static ai.adoption.experiments.Api.FINANCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * When the service cannot get a database connection (here: every pooled connection is taken, so the
 * pool times out), a command is answered 503 with Retry-After, nothing is recorded, and the retry
 * succeeds once the database is reachable again.
 */
@QuarkusTest
class DatabaseUnavailableTest {

    @Inject
    AgroalDataSource dataSource;

    @ConfigProperty(name = "quarkus.datasource.jdbc.max-size")
    int poolSize;

    @Test
    void aCommandWithoutDatabaseIs503AndRecordsNothing() throws Exception {
        Map<String, Object> idea = Api.idea(FINANCE);
        List<Connection> held = new ArrayList<>();
        try {
            for (int i = 0; i < poolSize; i++) {
                held.add(dataSource.getConnection());
            }
            Api.employee("dora", FINANCE).body(idea).post("/ideas").then().statusCode(503)
                    .contentType("application/problem+json").header("Retry-After", "5")
                    .body("status", equalTo(503)).body("title", equalTo("Service unavailable"));
        } finally {
            for (Connection connection : held) {
                connection.close();
            }
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
