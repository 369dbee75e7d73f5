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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static ai.adoption.experiments.Api.FINANCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/** Acceptance 4 and 5: conflicting writers never both win; If-Match and Idempotency-Key behave. */
@QuarkusTest
class ConcurrencyAndIdempotencyTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void parallelApprovalsAndRejectionsOfOneIdeaHaveExactlyOneWinner() throws Exception {
        int clients = 16;
        for (int round = 0; round < 3; round++) {
            String id = Api.submitIdea("emp-" + UUID.randomUUID(), FINANCE);
            CountDownLatch start = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(clients);
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                boolean approve = i % 2 == 0;
                Callable<Integer> call = () -> {
                    start.await();
                    Response r = approve
                            ? Api.approver("mgr", FINANCE).body(Map.of("comment", "go")).post("/ideas/{id}/approve", id)
                            : Api.approver("mgr", FINANCE).body(Map.of("reason", "COST", "explanation", "no budget"))
                                    .post("/ideas/{id}/reject", id);
                    return r.statusCode();
                };
                results.add(pool.submit(call));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> f : results) {
                statuses.add(f.get());
            }
            pool.shutdown();
            assertThat(statuses).as("statuses %s", statuses).filteredOn(s -> s == 200).hasSize(1);
            assertThat(statuses).as("losers get a conflict").filteredOn(s -> s != 200).allMatch(s -> s == 409);
            assertThat(decisionEvents(id)).isEqualTo(1);
        }
    }

    @Test
    void aStaleIfMatchGets412AndAFreshOneSucceeds() {
        String id = Api.submitIdea("dora", FINANCE);
        Map<String, Object> revision = Map.of("title", "Second draft " + UUID.randomUUID(), "problem", "p", "aiTool", "Claude",
                "dataClassification", "INTERNAL", "benefitCategory", "EFFICIENCY");
        Api.employee("dora", FINANCE).header("If-Match", "\"1\"").body(revision).put("/ideas/{id}", id)
                .then().statusCode(200).header("ETag", "\"2\"");
        Api.employee("dora", FINANCE).header("If-Match", "\"1\"").body(revision).put("/ideas/{id}", id)
                .then().statusCode(412).contentType("application/problem+json").body("currentVersion", equalTo(2))
                .body("errors[0].field", equalTo("If-Match"));
        Api.approver("mgr", FINANCE).header("If-Match", "\"1\"").body(Map.of()).post("/ideas/{id}/approve", id)
                .then().statusCode(412);
        Api.approver("mgr", FINANCE).header("If-Match", "\"2\"").body(Map.of()).post("/ideas/{id}/approve", id)
                .then().statusCode(200).header("ETag", "\"3\"");
        Api.approver("mgr", FINANCE).header("If-Match", "garbage").body(Map.of()).post("/ideas/{id}/approve", id)
                .then().statusCode(400).body("errors[0].field", equalTo("If-Match"));
    }

    @Test
    void anIdempotencyKeyReplayReturnsTheFirstResultAndAppendsNothing() throws Exception {
        String key = "submit-" + UUID.randomUUID();
        Map<String, Object> body = Api.idea(FINANCE);
        String first = Api.employee("erin", FINANCE).header("Idempotency-Key", key).body(body).post("/ideas")
                .then().statusCode(201).extract().path("id");
        for (int i = 0; i < 3; i++) {
            Api.employee("erin", FINANCE).header("Idempotency-Key", key).body(body).post("/ideas")
                    .then().statusCode(201).body("id", equalTo(first));
        }
        assertThat(eventsOf(first)).isEqualTo(1);
        assertThat(ideasTitled((String) body.get("title"))).isEqualTo(1);

        // concurrent retries with one key still create one idea
        String concurrentKey = "submit-" + UUID.randomUUID();
        Map<String, Object> other = Api.idea(FINANCE);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<String>> ids = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            ids.add(pool.submit(() -> Api.employee("erin", FINANCE).header("Idempotency-Key", concurrentKey).body(other)
                    .post("/ideas").then().statusCode(201).extract().<String>path("id")));
        }
        List<String> distinct = new ArrayList<>();
        for (Future<String> f : ids) {
            String id = f.get();
            if (!distinct.contains(id)) {
                distinct.add(id);
            }
        }
        pool.shutdown();
        assertThat(distinct).hasSize(1);
        assertThat(ideasTitled((String) other.get("title"))).isEqualTo(1);

        // the same key for a different request is refused, and the same key of another user is theirs alone
        Api.employee("erin", FINANCE).header("Idempotency-Key", key).body(Api.idea(FINANCE)).post("/ideas")
                .then().statusCode(422).body("errors[0].field", equalTo("Idempotency-Key"));
        Api.employee("frank", FINANCE).header("Idempotency-Key", key).body(body).post("/ideas")
                .then().statusCode(201).body("submitter", equalTo("frank"));
    }

    private long decisionEvents(String id) throws Exception {
        return count("select count(*) from es_event where stream_id = ? and event_type in ('idea.approved', 'idea.rejected')", id);
    }

    private long eventsOf(String id) throws Exception {
        return count("select count(*) from es_event where stream_id = ?", id);
    }

    private long ideasTitled(String title) throws Exception {
        return count("select count(*) from es_event where event_type = 'idea.submitted' and payload->>'title' = ?", title);
    }

    private long count(String sql, String param) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, param);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
