package ai.adoption.experiments.messaging;

import ai.adoption.eventsourcing.store.RecordedEvent;
import ai.adoption.experiments.Api;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static ai.adoption.experiments.Api.FINANCE;
import static ai.adoption.experiments.GovernanceFindings.event;
import static ai.adoption.experiments.GovernanceFindings.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * Issue 12 §3: a transient failure that never clears (here every attempt of one record meets a
 * statement timeout, SQLSTATE 57014, from a trigger) is retried in place, keeping per-key order,
 * but not silently: the channel's health group is DOWN naming the record and its age, and the gauge
 * says how long it has been tried. Both clear when the record finally succeeds.
 */
@QuarkusTest
class StuckConsumerTest {

    private static final Pattern GAUGE = Pattern.compile(
            "(?m)^eventsourcing_consumer_stuck_record_age_seconds\\{[^}]*channel=\"finding-events\"[^}]*} ([0-9.Ee+-]+)$");

    @Inject
    AgroalDataSource dataSource;

    @Test
    void aRecordRetriedInPlaceShowsInHealthAndMetricAndClearsWhenItSucceeds() throws Exception {
        String marker = "stuck-" + UUID.randomUUID();
        String trigger = "stall_" + marker.substring(6).replace('-', '_');
        String ideaId = Api.submitIdea("stuck", FINANCE);
        UUID findingId = UUID.randomUUID();
        RecordedEvent<String> stuck = event(findingId, 1, "finding.raised",
                DeadLetterReplayTest.raised(findingId, ideaId, marker));
        // the next record of the same key waits behind it
        UUID laterFinding = UUID.randomUUID();
        RecordedEvent<String> later = event(findingId, 2, "finding.raised",
                DeadLetterReplayTest.raised(laterFinding, ideaId, "after " + marker));
        health().then().statusCode(200).body("status", equalTo("UP"));

        DeadLetterReplayTest.refuse(dataSource, trigger, marker, "57014");
        try {
            send(stuck, later);
            // stuck-after is 2s in the tests
            await().atMost(60, TimeUnit.SECONDS).until(() -> health().statusCode() == 503);
            JsonPath down = health().then().statusCode(503).body("status", equalTo("DOWN")).extract().jsonPath();
            String check = "checks.find { it.name == 'consumer-finding-events' }";
            assertThat(down.getString(check + ".status")).isEqualTo("DOWN");
            assertThat(down.getString(check + ".data.ceId")).isEqualTo(stuck.eventId().toString());
            assertThat(down.getString(check + ".data.record")).matches(".*-governance\\.finding-[0-9]+@[0-9]+");
            assertThat(down.getString(check + ".data.consumer")).isEqualTo(GovernanceFindingsConsumer.CONSUMER);
            assertThat(down.getLong(check + ".data.secondsSinceFirstAttempt")).isGreaterThanOrEqualTo(2);
            assertThat(down.getInt(check + ".data.failedAttempts")).isGreaterThanOrEqualTo(1);
            assertThat(down.getString(check + ".data.lastError")).isNotBlank();
            // the same in the group of all consumers
            RestAssured.get("/q/health/group/consumers").then().statusCode(503);
            assertThat(gauge()).isGreaterThanOrEqualTo(2.0);
            // retried in place: nothing is recorded, the later record of the key waits
            assertThat(findings(ideaId)).isZero();
        } finally {
            DeadLetterReplayTest.drop(dataSource, trigger);
        }
        // the cause is gone: the record succeeds, then the next one, in order; health and gauge clear
        await().atMost(60, TimeUnit.SECONDS).until(() -> Api.employee("stuck", FINANCE).get("/ideas/{id}", ideaId)
                .<java.util.List<?>>path("findings").size() == 2);
        Api.employee("stuck", FINANCE).get("/ideas/{id}", ideaId).then()
                .body("findings.findingId", equalTo(java.util.List.of(findingId.toString(), laterFinding.toString())));
        await().atMost(30, TimeUnit.SECONDS).until(() -> health().statusCode() == 200);
        health().then().body("checks.find { it.name == 'consumer-finding-events' }.data.ceId", equalTo(null));
        assertThat(gauge()).isZero();
    }

    private static io.restassured.response.Response health() {
        return RestAssured.get("/q/health/group/finding-events");
    }

    private static double gauge() {
        String metrics = RestAssured.get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher m = GAUGE.matcher(metrics);
        assertThat(m.find()).as("gauge in %s", "/q/metrics").isTrue();
        return Double.parseDouble(m.group(1));
    }

    private long findings(String ideaId) {
        return Api.employee("stuck", FINANCE).get("/ideas/{id}", ideaId).<java.util.List<?>>path("findings").size();
    }
}
