package ai.adoption.governance.api;

import ai.adoption.governance.Api;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static ai.adoption.governance.Api.compliance;
import static ai.adoption.governance.Api.person;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

/**
 * Issue 13 §1: knowledge time is commit order, stamped after the commit; every answer echoes the
 * knowledge point it used, and asking again with it gives the same answer whatever happens since
 * (a late commit, a correction, a rebuild).
 */
@QuarkusTest
class KnowledgeTimeTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void aCommitHeldBackAcrossTheQuestionDoesNotChangeTheAnswer() throws Exception {
        String department = Api.unique("finance");
        String fred = Api.unique("fred");
        String gina = Api.unique("gina");
        UUID system = Api.register(department, Api.unique("dora"), "Copilot", "INTERNAL", LocalDate.parse("2026-01-01"));
        String transfer = compliance().body(Map.of("toDepartment", department, "toOwner", person(fred, "Fred"), "reason", "handover",
                "effectiveFrom", "2026-03-01")).post("/ai-systems/" + system + "/transfers").then().statusCode(201)
                .extract().header("X-Transfer-Id");

        CompletableFuture<Response> correction;
        Instant asked;
        Response before;
        Response beforeWithoutKnownAt;
        try (Connection lock = dataSource.getConnection()) {
            lock.setAutoCommit(false);
            try (PreparedStatement ps = lock.prepareStatement("update gov_system set version = version where system_id = ?")) {
                ps.setObject(1, system);
                ps.executeUpdate();
            }
            // the correction appends its event, then blocks on the read-model row at the flush
            correction = CompletableFuture.supplyAsync(() -> compliance().body(Map.of("owner", person(gina, "Gina"),
                    "reason", "it was Gina")).post("/ai-systems/" + system + "/transfers/" + transfer + "/corrections"));
            awaitBlockedOnALock();
            Thread.sleep(50);
            asked = Instant.now();
            Thread.sleep(50);
            before = ownership(system, asked);
            beforeWithoutKnownAt = ownership(system, null);
            assertThat(before.path("owner.id").toString()).isEqualTo(fred);
            assertThat(beforeWithoutKnownAt.path("owner.id").toString()).isEqualTo(fred);
            lock.commit();
        }
        Response corrected = correction.get(30, TimeUnit.SECONDS);
        assertThat(corrected.statusCode()).isEqualTo(200);
        assertThat(corrected.path("accountable.owner.id").toString()).isEqualTo(gina);

        // the same questions, asked again after the late commit: the same answers
        Response again = ownership(system, asked);
        assertThat(again.path("owner.id").toString()).as("the answer for knownAt=%s after the late commit", asked).isEqualTo(fred);
        assertThat(again.path("knownAt").toString()).isEqualTo(before.path("knownAt").toString());
        assertThat(Instant.parse(corrected.path("knownAt"))).isAfter(Instant.parse(beforeWithoutKnownAt.path("knownAt")));
        String echoed = beforeWithoutKnownAt.path("knownAt");
        Response atEcho = ownership(system, Instant.parse(echoed));
        assertThat(atEcho.path("owner.id").toString()).isEqualTo(fred);
        assertThat(atEcho.path("knownAt").toString()).isEqualTo(echoed);
        // and now, as known at the latest point: the correction
        assertThat(ownership(system, null).path("owner.id").toString()).isEqualTo(gina);

        // a rebuild of the register changes no answer either
        Api.admin().post("/admin/projections/register/rebuild").then().statusCode(200);
        assertThat(ownership(system, Instant.parse(echoed)).path("owner.id").toString()).isEqualTo(fred);
        assertThat(ownership(system, null).path("owner.id").toString()).isEqualTo(gina);
    }

    @Test
    void everyReadEchoesTheKnowledgePointItUsed() {
        String department = Api.unique("finance");
        UUID system = Api.register(department, Api.unique("dora"), "Copilot", "INTERNAL", LocalDate.parse("2026-01-01"));
        String knownAt = compliance().get("/ai-systems/" + system).then().statusCode(200).extract().path("knownAt");
        assertThat(knownAt).isNotNull();
        // a knownAt far in the future is answered at the stamped watermark, and says so
        String future = compliance().queryParam("knownAt", "2999-01-01T00:00:00Z").get("/ai-systems/" + system + "/ownership")
                .then().statusCode(200).extract().path("knownAt");
        assertThat(Instant.parse(future)).isBefore(Instant.parse("2999-01-01T00:00:00Z"));
        compliance().queryParam("knownAt", knownAt).get("/inventory").then().statusCode(200).body("knownAt", equalTo(knownAt));
        compliance().queryParam("knownAt", knownAt).get("/compliance-gaps").then().statusCode(200).body("knownAt", equalTo(knownAt));
        compliance().queryParam("knownAt", knownAt).queryParam("from", "2026-01-01").queryParam("to", "2026-02-01")
                .get("/inventory/diff").then().statusCode(200).body("knownAt", equalTo(knownAt));
        assertThat(compliance().queryParam("knownAt", knownAt).get("/ai-literacy/gaps").then().statusCode(200)
                .extract().header("Known-At")).isEqualTo(knownAt);
        assertThat(compliance().queryParam("knownAt", knownAt).get("/ai-systems/" + system + "/ownership/history").then()
                .statusCode(200).extract().header("Known-At")).isEqualTo(knownAt);
        assertThat(compliance().accept("text/csv").queryParam("knownAt", knownAt).queryParam("from", "2026-01-01")
                .queryParam("to", "2026-01-02").get("/audit").then().statusCode(200).extract().header("Known-At")).isEqualTo(knownAt);
    }

    @Test
    void incidentNotificationsAreFactsKnownFromTheirOwnTime() {
        String department = Api.unique("finance");
        UUID system = Api.register(department, Api.unique("dora"), "Copilot", "INTERNAL", LocalDate.parse("2026-01-01"));
        Response recorded = compliance().body(Map.of("summary", "wrong advice given", "occurredAt", "2026-02-01T10:00:00Z",
                "serious", true)).post("/ai-systems/" + system + "/incidents");
        assertThat(recorded.statusCode()).isEqualTo(201);
        String incident = recorded.header("X-Incident-Id");
        String beforeNotice = recorded.path("knownAt");
        compliance().body(Map.of("providerInformedAt", "2026-02-02T10:00:00Z", "authorityInformedAt", "2026-02-02T11:00:00Z"))
                .post("/ai-systems/" + system + "/incidents/" + incident + "/notifications").then().statusCode(200);

        compliance().queryParam("knownAt", beforeNotice).get("/ai-systems/" + system).then().statusCode(200)
                .body("incidents[0].providerInformedAt", org.hamcrest.Matchers.nullValue());
        compliance().get("/ai-systems/" + system).then().statusCode(200)
                .body("incidents[0].providerInformedAt", equalTo("2026-02-02T10:00:00Z"));
        compliance().queryParam("department", department).queryParam("asOf", "2026-03-01").queryParam("knownAt", beforeNotice)
                .get("/compliance-gaps").then().statusCode(200).body("gaps.kind", hasItem("SERIOUS_INCIDENT_NOT_REPORTED"));
        compliance().queryParam("department", department).queryParam("asOf", "2026-03-01")
                .get("/compliance-gaps").then().statusCode(200).body("gaps.kind", not(hasItem("SERIOUS_INCIDENT_NOT_REPORTED")));
    }

    private static Response ownership(UUID system, Instant knownAt) {
        var request = compliance().queryParam("asOf", "2026-04-01");
        if (knownAt != null) {
            request = request.queryParam("knownAt", knownAt.toString());
        }
        Response response = request.get("/ai-systems/" + system + "/ownership");
        assertThat(response.statusCode()).isEqualTo(200);
        return response;
    }

    private void awaitBlockedOnALock() throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            while (System.nanoTime() < deadline) {
                try (ResultSet rs = st.executeQuery("select count(*) from pg_stat_activity where datname = current_database() "
                        + "and wait_event_type = 'Lock'")) {
                    rs.next();
                    if (rs.getLong(1) > 0) {
                        return;
                    }
                }
                Thread.sleep(20);
            }
        }
        throw new AssertionError("the correction never blocked on the held row lock");
    }
}
