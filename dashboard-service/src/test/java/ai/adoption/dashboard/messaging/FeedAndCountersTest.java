package ai.adoption.dashboard.messaging;

import ai.adoption.contracts.GovernanceEvents;
import ai.adoption.contracts.IdeaEvents;
import ai.adoption.contracts.Vocabulary.AiActRole;
import ai.adoption.contracts.Vocabulary.AnnexIIIArea;
import ai.adoption.contracts.Vocabulary.DataClassification;
import ai.adoption.contracts.Vocabulary.Lifecycle;
import ai.adoption.contracts.Vocabulary.RiskTier;
import ai.adoption.contracts.Vocabulary.SystemOrigin;
import ai.adoption.dashboard.Api;
import ai.adoption.dashboard.Events;
import ai.adoption.dashboard.Streams;
import ai.adoption.testinfra.contracts.ContractEvents;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
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
    void theRegisterGivesScaledGapsByArticleAndAiLiteracyCoverage() {
        String department = Api.department("claims");
        UUID systemId = UUID.randomUUID();
        UUID untrained = UUID.randomUUID();
        String key = systemId.toString();
        Streams.publish(key, new GovernanceEvents.SystemRegisteredV1(systemId, "Claims triage", "ChatGPT Enterprise", "OpenAI",
                "Sort incoming claims", "Claims intake", DataClassification.CONFIDENTIAL, SystemOrigin.EXPERIMENT, UUID.randomUUID(),
                UUID.randomUUID(), "lena", Lifecycle.PILOT, department, "olga-" + department, UUID.randomUUID(), LocalDate.now()));
        Streams.publish(key, new GovernanceEvents.ClassifiedV1(systemId, AiActRole.DEPLOYER, RiskTier.HIGH, AnnexIIIArea.EMPLOYMENT,
                null, List.of(), false, "Decides on claims", LocalDate.now()));
        Streams.publish(key, new GovernanceEvents.LifecycleChangedV1(systemId, Lifecycle.PILOT, Lifecycle.SCALING, "Worked", LocalDate.now()));
        Streams.publish(untrained.toString(), new GovernanceEvents.SystemRegisteredV1(untrained, "Letter drafts", "Copilot",
                "Microsoft", "Drafts", "Letters", DataClassification.INTERNAL, SystemOrigin.MANUAL, null, null, null,
                Lifecycle.PRODUCTION, department, "otto-" + department, UUID.randomUUID(), LocalDate.now()));
        Streams.publish("olga-" + department, new GovernanceEvents.TrainingRecordedV1("olga-" + department, UUID.randomUUID(),
                "AI literacy basics", "Academy", LocalDate.now(), null));
        // a second move out of PILOT's successors does not count again
        Streams.publish(key, new GovernanceEvents.LifecycleChangedV1(systemId, Lifecycle.SCALING, Lifecycle.PRODUCTION, "Rolled out",
                LocalDate.now()));

        await().atMost(Duration.ofSeconds(60)).until(() -> Api.admin().queryParam("department", department).get("/dashboard/activity")
                .then().statusCode(200).extract().jsonPath().getList("items").size() == 5);
        JsonPath summary = await().atMost(Duration.ofSeconds(60)).until(() -> Api.admin().queryParam("department", department)
                .get("/dashboard/summary").then().statusCode(200).extract().jsonPath(), p -> p.getLong("aiLiteracy.trainedOwners") == 1);
        assertThat(summary.getLong("funnel.scaled")).isEqualTo(1);
        assertThat(summary.getLong("aiLiteracy.owners")).isEqualTo(2);
        assertThat(summary.getDouble("aiLiteracy.coverage")).isEqualTo(0.5);
        assertThat(summary.getLong("gaps.find { it.article == 'Art. 4' }.systems")).isEqualTo(1);
        assertThat(summary.getLong("gaps.find { it.article == 'Art. 26(2)' }.systems")).isEqualTo(1);
        assertThat(summary.getLong("gaps.find { it.article == 'Art. 6 / Annex III' }.systems")).isEqualTo(1);
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
