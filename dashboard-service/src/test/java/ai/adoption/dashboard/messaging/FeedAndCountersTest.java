package ai.adoption.dashboard.messaging;

import ai.adoption.contracts.IdeaEvents;
import ai.adoption.dashboard.Api;
import ai.adoption.dashboard.Events;
import ai.adoption.dashboard.Streams;
import ai.adoption.testinfra.contracts.ContractEvents;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Events published on the catalogue's topics (this run's copies) reach the feed with dense ids and
 * the counters in the same transaction; a redelivered {@code ce_id} changes nothing.
 */
@QuarkusTest
class FeedAndCountersTest {

    @jakarta.inject.Inject
    io.agroal.api.AgroalDataSource ds;

    @Test
    void eventsOfEveryProducerReachTheFeedAndTheCounters() {
        String department = Api.department("finance");
        UUID approvedIdea = UUID.randomUUID();
        UUID rejectedIdea = UUID.randomUUID();
        UUID caseId = UUID.randomUUID();
        UUID experimentId = UUID.randomUUID();
        Instant longAgo = Instant.now().minus(40, ChronoUnit.DAYS);

        Streams.publish(approvedIdea.toString(), Events.submitted(approvedIdea, department, "Draft customer letters"));
        Streams.publish(approvedIdea.toString(), Events.approved(approvedIdea, department));
        Streams.publish(rejectedIdea.toString(), Events.submitted(rejectedIdea, department, "Summarise supplier contracts"));
        Streams.publish(rejectedIdea.toString(), ContractEvents.ideaRejected(rejectedIdea, department, "ChatGPT Free", "DATA_PROTECTION", null));
        Streams.publish(experimentId.toString(), ContractEvents.experimentStarted(experimentId, department, "ChatGPT Enterprise", "INTERNAL"));
        Streams.publish(experimentId.toString(), ContractEvents.experimentConcluded(experimentId, department, "ChatGPT Enterprise",
                "SUCCEEDED", "SCALE"));
        Streams.publish(caseId.toString(), Events.revisitOpened(caseId, rejectedIdea, department, longAgo));
        Streams.publish(caseId.toString(), Events.revisitDue(caseId, rejectedIdea, department, longAgo));
        UUID findingId = UUID.randomUUID();
        Streams.publish(findingId.toString(), Events.findingRaised(findingId, rejectedIdea, department));
        Streams.publish(department, Events.departmentEstablished(department, "Finance " + department));

        JsonPath page = await().atMost(Duration.ofSeconds(60)).until(() -> Api.admin().queryParam("department", department)
                .get("/dashboard/activity").then().statusCode(200).extract().jsonPath(), p -> p.getList("items").size() == 10);
        assertThat(page.getList("items.type", String.class)).containsExactlyInAnyOrder("idea.submitted", "idea.approved",
                "idea.submitted", "idea.rejected", "experiment.started", "experiment.concluded", "revisit.opened", "revisit.due",
                "finding.raised", "department.established");
        assertThat(page.getList("items.department", String.class)).containsOnly(department);
        assertThat(page.getList("items.summary", String.class)).allSatisfy(s -> assertThat(s).isNotBlank());
        assertThat(page.getList("items.title", String.class)).contains("Draft customer letters");

        // every id the feed keeps, in order, with no hole
        JsonPath all = Api.admin().queryParam("after", 0).queryParam("limit", 500).get("/dashboard/activity").then().statusCode(200)
                .extract().jsonPath();
        List<Long> ids = all.getList("items.id", Long.class);
        long oldest = all.getLong("oldest");
        assertThat(ids.get(0)).isEqualTo(oldest);
        for (int i = 1; i < ids.size(); i++) {
            assertThat(ids.get(i)).as("the id after %d", ids.get(i - 1)).isEqualTo(ids.get(i - 1) + 1);
        }

        JsonPath summary = Api.admin().queryParam("department", department).get("/dashboard/summary").then().statusCode(200)
                .extract().jsonPath();
        assertThat(summary.getLong("funnel.submitted")).isEqualTo(2);
        assertThat(summary.getLong("funnel.approved")).isEqualTo(1);
        assertThat(summary.getLong("funnel.rejected")).isEqualTo(1);
        assertThat(summary.getLong("funnel.experimentStarted")).isEqualTo(1);
        assertThat(summary.getLong("funnel.concluded")).isEqualTo(1);
        assertThat(summary.getLong("funnel.revisitDue")).isEqualTo(1);
        assertThat(summary.getLong("previousFunnel.submitted")).isZero();
        assertThat(summary.getDouble("conversion[0].rate")).isEqualTo(0.5);
        System.err.println("DEBUG ideas " + ai.adoption.testinfra.Jdbc.rows(ds, "select idea_id, waiting_since, approved_at from dashboard_idea where department = ?", department).stream().map(java.util.Arrays::toString).toList());
        System.err.println("DEBUG stages " + ai.adoption.testinfra.Jdbc.rows(ds, "select * from dashboard_stage").stream().map(java.util.Arrays::toString).toList());
        System.err.println("DEBUG summary " + summary.prettify());
        assertThat(summary.getLong("medianDays.decision.ideas")).isEqualTo(2);
        assertThat(summary.getLong("revisits.due")).isEqualTo(1);
        assertThat(summary.getLong("revisits.overdue")).isEqualTo(1);
        assertThat(summary.getLong("openFindings.byKind.TOOL_NOT_APPROVED")).isEqualTo(1);
        assertThat(summary.getString("detailScope")).isEqualTo(department);
        assertThat(summary.getLong("asOfFeedId")).isGreaterThanOrEqualTo(page.getLong("items[9].id"));
        assertThat(summary.getList("notTold")).isNotEmpty();

        assertThat(Api.admin().get("/dashboard/departments").then().statusCode(200).extract().jsonPath()
                .getString("find { it.id == '" + department + "' }.name")).isEqualTo("Finance " + department);
        JsonPath revisits = Api.admin().queryParam("department", department).get("/dashboard/revisits").then().statusCode(200)
                .extract().jsonPath();
        assertThat(revisits.getString("items[0].caseId")).isEqualTo(caseId.toString());
        assertThat(revisits.getBoolean("items[0].overdue")).isTrue();
    }

    @Test
    void aRedeliveredEventIdIsCountedOnce() {
        String department = Api.department("legal");
        UUID ideaId = UUID.randomUUID();
        UUID eventId = UUID.randomUUID();
        Instant at = Instant.now();
        IdeaEvents.SubmittedV1 submitted = Events.submitted(ideaId, department, "Contract clause search");
        Streams.publish(ideaId.toString(), submitted, eventId, at);
        Streams.publish(ideaId.toString(), submitted, eventId, at);
        // same key, same partition, after both copies: once it is in the feed, both copies were handled
        Streams.publish(ideaId.toString(), ContractEvents.ideaRevised(ideaId, "ChatGPT Enterprise", "INTERNAL"));

        JsonPath page = await().atMost(Duration.ofSeconds(60)).until(() -> Api.admin().queryParam("department", department)
                .get("/dashboard/activity").then().statusCode(200).extract().jsonPath(),
                p -> p.getList("items.type").contains("idea.revised"));
        assertThat(page.getList("items.type", String.class)).containsExactly("idea.submitted", "idea.revised");
        assertThat(Api.admin().queryParam("department", department).get("/dashboard/summary").then().statusCode(200)
                .extract().jsonPath().getLong("funnel.submitted")).isEqualTo(1);
    }
}
