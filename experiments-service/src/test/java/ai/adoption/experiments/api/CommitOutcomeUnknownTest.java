package ai.adoption.experiments.api;

import ai.adoption.experiments.Api;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;

import static ai.adoption.experiments.Api.FINANCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * Issue 12 §2: the connection is lost between the append and the end of COMMIT. A test-only
 * deferred constraint trigger on {@code es_event} runs at COMMIT and terminates its own backend,
 * only for the idea with this test's unique title and only once. The caller is told 503, that the
 * outcome is unknown and that a retry with the same Idempotency-Key is safe; that retry records
 * the idea exactly once.
 */
@QuarkusTest
class CommitOutcomeUnknownTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void aConnectionLostDuringCommitIs503WithAnUnknownOutcomeAndTheRetryWithTheSameKeyRecordsOnce() throws Exception {
        Map<String, Object> idea = Api.idea(FINANCE);
        String title = (String) idea.get("title");
        String key = "submit-" + UUID.randomUUID();
        String trigger = "test_commit_reset_" + UUID.randomUUID().toString().replace("-", "");
        try (Connection c = dataSource.getConnection()) {
            execute(c, "create sequence " + trigger + "_seq");
            execute(c, "create function " + trigger + "() returns trigger language plpgsql as $$ begin "
                    + "if new.payload->>'title' = '" + title + "' then "
                    + "if nextval('" + trigger + "_seq') = 1 then perform pg_terminate_backend(pg_backend_pid()); end if; "
                    + "end if; return null; end $$");
            execute(c, "create constraint trigger " + trigger + " after insert on es_event deferrable initially deferred "
                    + "for each row execute function " + trigger + "()");
            try {
                Response lost = Api.employee("dora", FINANCE).header("Idempotency-Key", key).body(idea).post("/ideas");
                lost.then().statusCode(503).contentType("application/problem+json").header("Retry-After", "5")
                        .body("status", equalTo(503))
                        .body("type", equalTo("https://ai-adoption.example/problems/commit-outcome-unknown"))
                        .body("detail", allOf(containsString("unknown"), containsString("same Idempotency-Key is safe")));
                assertThat(lost.asString()).doesNotContain("Exception", "at ai.", "at io.", "Connection reset", "terminating");
                assertThat(sequence(c, trigger + "_seq")).isEqualTo(1);

                String id = Api.employee("dora", FINANCE).header("Idempotency-Key", key).body(idea).post("/ideas")
                        .then().statusCode(201).extract().path("id");
                Api.employee("dora", FINANCE).header("Idempotency-Key", key).body(idea).post("/ideas")
                        .then().statusCode(201).body("id", equalTo(id));
                assertThat(ideasTitled(c, title)).isEqualTo(1);
            } finally {
                execute(c, "drop trigger " + trigger + " on es_event");
                execute(c, "drop function " + trigger + "()");
                execute(c, "drop sequence " + trigger + "_seq");
            }
        }
    }

    private static long ideasTitled(Connection c, String title) throws Exception {
        try (PreparedStatement ps = c.prepareStatement(
                "select count(*) from es_event where event_type = 'idea.submitted' and payload->>'title' = ?")) {
            ps.setString(1, title);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static long sequence(Connection c, String name) throws Exception {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select last_value from " + name)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void execute(Connection c, String sql) throws Exception {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
