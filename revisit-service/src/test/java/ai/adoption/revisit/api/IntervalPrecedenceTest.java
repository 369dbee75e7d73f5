package ai.adoption.revisit.api;

import ai.adoption.revisit.Api;
import ai.adoption.revisit.Db;
import ai.adoption.revisit.Experiments;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * Acceptance 2: a case's own interval beats its department's, which beats the global default; a
 * department policy change reschedules exactly that department's waiting cases that follow it, and a
 * case whose new due time has passed becomes due at once and fires once.
 */
@QuarkusTest
class IntervalPrecedenceTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void caseBeatsDepartmentBeatsGlobalAndAPolicyChangeReschedulesOnlyItsFollowers() {
        String department = Api.department("sales");
        String other = Api.department("marketing");
        Api.ambassador(department).body(Map.of("interval", "P1M", "reason", "we move fast")).put("/revisit-policies/{d}", department)
                .then().statusCode(201).body("interval", equalTo("P1M")).body("source", equalTo("DEPARTMENT"))
                .header("ETag", equalTo("\"1\""));

        Experiments.Sent own = Experiments.reject(department, "Copilot", "COST", "P2W");
        Experiments.Sent follows = Experiments.reject(department, "Copilot", "COST", null);
        Experiments.Sent elsewhere = Experiments.reject(other, "Copilot", "COST", null);
        Response ownCase = awaitCase(own);
        Response followsCase = awaitCase(follows);
        Response otherCase = awaitCase(elsewhere);
        ownCase.then().body("intervalSource", equalTo("CASE")).body("dueAt", equalTo(plusDays(own.time(), 14)));
        followsCase.then().body("intervalSource", equalTo("DEPARTMENT")).body("interval", equalTo("P1M"))
                .body("dueAt", equalTo(follows.time().atOffset(ZoneOffset.UTC).plusMonths(1).toInstant().toString()));
        otherCase.then().body("intervalSource", equalTo("GLOBAL")).body("interval", equalTo("P3M"));

        // the department now wants its cases back after five seconds: the follower's cycle started at its rejection,
        // so it is due at once; the case with its own interval and the other department's case do not move
        Api.ambassador(department).header("If-Match", "\"1\"").body(Map.of("interval", "PT5S")).put("/revisit-policies/{d}", department)
                .then().statusCode(200).header("X-Rescheduled-Cases", "1").header("ETag", equalTo("\"2\""));
        UUID followsId = Experiments.caseIdOf(follows);
        await().atMost(60, TimeUnit.SECONDS).until(() -> "DUE".equals(Api.reader().get("/revisits/{id}", followsId).path("status")));
        Api.reader().get("/revisits/{id}", followsId).then().body("interval", equalTo("PT5S")).body("cycle", equalTo(1));
        Api.reader().get("/revisits/{id}", Experiments.caseIdOf(own)).then().body("status", equalTo("SCHEDULED"))
                .body("dueAt", equalTo(plusDays(own.time(), 14))).body("version", org.hamcrest.Matchers.nullValue());
        Api.reader().get("/revisits/{id}", Experiments.caseIdOf(elsewhere)).then().body("status", equalTo("SCHEDULED"))
                .body("interval", equalTo("P3M"));
        assertThat(Db.dueEvents(dataSource, followsId)).isEqualTo(1);
        assertThat(Db.count(dataSource, "select count(*) from es_event where stream_id = ?", Experiments.caseIdOf(own).toString()))
                .isEqualTo(1);

        // the policy's history: who set what, when, why; a stale If-Match is refused
        Api.reader().get("/revisit-policies/{d}/history", department).then().statusCode(200)
                .body("size()", equalTo(2)).body("[0].payload.reason", equalTo("we move fast"))
                .body("[1].payload.previousInterval", equalTo("P1M"));
        Api.ambassador(department).header("If-Match", "\"1\"").body(Map.of("interval", "P2M")).put("/revisit-policies/{d}", department)
                .then().statusCode(412).body("currentVersion", equalTo(2));
        // clearing it: the global default applies again
        Api.ambassador(department).delete("/revisit-policies/{d}", department).then().statusCode(200)
                .body("source", equalTo("GLOBAL")).body("interval", equalTo("P3M"));
        Api.ambassador(department).delete("/revisit-policies/{d}", department).then().statusCode(409)
                .body("currentState", equalTo("NOT_SET"));
        // and the department's cases are counted
        Api.reader().queryParam("department", department).get("/revisits/counts").then().statusCode(200)
                .body("departments[0].open", equalTo(2)).body("departments[0].dueNow", equalTo(1));
    }

    @Test
    void anAmbassadorSetsACaseItsOwnInterval() {
        String department = Api.department("it");
        Experiments.Sent sent = Experiments.reject(department, "Copilot", "MISSING_SKILLS", null);
        UUID id = Experiments.caseIdOf(sent);
        awaitCase(sent);
        Api.ambassador(department).header("If-Match", "\"1\"").body(Map.of("interval", "P6M")).put("/revisits/{id}/interval", id)
                .then().statusCode(200).body("caseInterval", equalTo("P6M")).body("intervalSource", equalTo("CASE"))
                .body("dueAt", equalTo(sent.time().atOffset(ZoneOffset.UTC).plusMonths(6).toInstant().toString()));
        // a department change no longer moves it
        Api.ambassador(department).body(Map.of("interval", "P1W")).put("/revisit-policies/{d}", department)
                .then().statusCode(201).header("X-Rescheduled-Cases", "0");
    }

    private static Response awaitCase(Experiments.Sent sent) {
        return org.awaitility.Awaitility.await().atMost(60, TimeUnit.SECONDS)
                .until(() -> Api.reader().get("/revisits/{id}", Experiments.caseIdOf(sent)), r -> r.statusCode() == 200);
    }

    private static String plusDays(Instant time, int days) {
        return time.plus(java.time.Duration.ofDays(days)).toString();
    }
}
