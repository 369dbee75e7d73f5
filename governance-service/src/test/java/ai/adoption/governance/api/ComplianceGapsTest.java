package ai.adoption.governance.api;

import ai.adoption.governance.Api;
import ai.adoption.governance.Experiments;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static ai.adoption.governance.Api.admin;
import static ai.adoption.governance.Api.compliance;
import static ai.adoption.governance.Api.person;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/** Each kind of compliance gap appears on a date, names its article, and disappears when its cause is fixed. */
@QuarkusTest
class ComplianceGapsTest {

    private static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);

    @Test
    void eachGapAppearsAndDisappearsWhenItsCauseIsFixed() {
        String dept = Api.unique("hr");
        String tool = Api.unique("Screening Assistant");
        String owner = Api.unique("olaf");
        String overseer = Api.unique("ove");
        UUID system = Api.register(dept, owner, tool, "CONFIDENTIAL", TODAY.minusDays(60));

        assertThat(kinds(dept, TODAY)).containsExactlyInAnyOrder("OWNER_NOT_TRAINED", "NOT_CLASSIFIED", "TOOL_NOT_APPROVED");
        JsonPath gaps = gaps(dept, TODAY);
        assertThat(gaps.getString("gaps.find { it.kind == 'OWNER_NOT_TRAINED' }.article")).isEqualTo("Art. 4");
        assertThat(gaps.getString("gaps.find { it.kind == 'OWNER_NOT_TRAINED' }.person.id")).isEqualTo(owner);
        assertThat(gaps.getString("gaps.find { it.kind == 'OWNER_NOT_TRAINED' }.systemId")).isEqualTo(system.toString());

        // high-risk: the deployer's obligations are missing
        Api.classify(system, "HIGH", "EMPLOYMENT", TODAY.minusDays(30));
        assertThat(kinds(dept, TODAY)).containsExactlyInAnyOrder("OWNER_NOT_TRAINED", "TOOL_NOT_APPROVED", "HIGH_RISK_NO_OVERSIGHT",
                "HIGH_RISK_NO_FRIA", "HIGH_RISK_WORKERS_NOT_INFORMED", "HIGH_RISK_NOT_REGISTERED", "HIGH_RISK_NO_LOG_RETENTION");
        assertThat(gaps(dept, TODAY).getString("gaps.find { it.kind == 'HIGH_RISK_NO_FRIA' }.article")).isEqualTo("Art. 27");
        // ... as of a date before the classification it was not yet high-risk
        assertThat(kinds(dept, TODAY.minusDays(40))).containsExactlyInAnyOrder("OWNER_NOT_TRAINED", "NOT_CLASSIFIED", "TOOL_NOT_APPROVED");

        compliance().body(Map.of("oversightPersons", List.of(person(overseer, "Ove Overseer")), "workersInformedOn", TODAY.minusDays(20).toString(),
                        "logRetentionMonths", 12, "friaStatus", "COMPLETED", "friaSummary", "Bias on career gaps mitigated by review",
                        "euDatabaseRef", "EU-DB-2026-0042", "effectiveFrom", TODAY.minusDays(10).toString()))
                .put("/ai-systems/" + system + "/obligations").then().statusCode(200);
        assertThat(kinds(dept, TODAY)).containsExactlyInAnyOrder("OWNER_NOT_TRAINED", "TOOL_NOT_APPROVED", "OVERSIGHT_NOT_TRAINED");

        // training for both: the literacy gaps go, as of today but not as of before the training
        for (String who : List.of(owner, overseer)) {
            compliance().body(Map.of("course", "AI literacy", "provider", "Academy", "completedOn", TODAY.minusDays(5).toString(),
                    "validUntil", TODAY.plusYears(1).toString())).post("/persons/" + who + "/trainings").then().statusCode(201);
        }
        assertThat(kinds(dept, TODAY)).containsExactly("TOOL_NOT_APPROVED");
        assertThat(kinds(dept, TODAY.minusDays(6))).contains("OWNER_NOT_TRAINED", "OVERSIGHT_NOT_TRAINED");
        compliance().queryParam("department", dept).queryParam("asOf", TODAY.minusDays(6).toString()).get("/ai-literacy/gaps").then()
                .statusCode(200).body("person.id", org.hamcrest.Matchers.containsInAnyOrder(owner, overseer));

        // the approved-tools list: approved, but not for CONFIDENTIAL data; then for it
        approve(tool, List.of("PUBLIC", "INTERNAL"));
        assertThat(kinds(dept, TODAY)).containsExactly("DATA_CLASS_NOT_ALLOWED");
        approve(tool, List.of("PUBLIC", "INTERNAL", "CONFIDENTIAL"));
        assertThat(kinds(dept, TODAY)).isEmpty();

        // a serious incident nobody reported
        String incident = compliance().body(Map.of("summary", "Rejected every candidate over 50", "occurredAt",
                        Instant.now().minusSeconds(86_400).toString(), "serious", true))
                .post("/ai-systems/" + system + "/incidents").then().statusCode(201).extract().header("X-Incident-Id");
        assertThat(kinds(dept, TODAY)).containsExactly("SERIOUS_INCIDENT_NOT_REPORTED");
        compliance().body(Map.of("providerInformedAt", Instant.now().toString(), "authorityInformedAt", Instant.now().toString()))
                .post("/ai-systems/" + system + "/incidents/" + incident + "/notifications").then().statusCode(200);
        assertThat(kinds(dept, TODAY)).isEmpty();
    }

    @Test
    void aProhibitedSystemCannotGoToProductionAndOneFoundProhibitedThereIsAGapUntilRetired() {
        String dept = Api.unique("sales");
        String tool = Api.unique("Mood Meter");
        approve(tool, List.of("PUBLIC", "INTERNAL", "CONFIDENTIAL", "PERSONAL"));
        String owner = Api.unique("pia");
        compliance().body(Map.of("course", "AI literacy", "provider", "Academy", "completedOn", TODAY.minusDays(90).toString()))
                .post("/persons/" + owner + "/trainings").then().statusCode(201);
        UUID system = Api.register(dept, owner, tool, "PERSONAL", TODAY.minusDays(60));
        compliance().body(Map.of("lifecycle", "PRODUCTION", "reason", "go live", "effectiveFrom", TODAY.minusDays(50).toString()))
                .post("/ai-systems/" + system + "/lifecycle").then().statusCode(200);
        Api.classify(system, "MINIMAL", null, TODAY.minusDays(50));
        assertThat(kinds(dept, TODAY)).isEmpty();

        // emotion recognition at work (Article 5(1)(f)) found later: prohibited, while in production
        compliance().body(Api.classification("MINIMAL", null, true, TODAY.minusDays(2))).put("/ai-systems/" + system + "/classification")
                .then().statusCode(200).body("classification.riskTier", equalTo("PROHIBITED"));
        assertThat(kinds(dept, TODAY)).containsExactly("PROHIBITED_IN_PRODUCTION");
        assertThat(kinds(dept, TODAY.minusDays(3))).isEmpty();

        compliance().body(Map.of("lifecycle", "RETIRED", "reason", "Article 5", "effectiveFrom", TODAY.toString()))
                .post("/ai-systems/" + system + "/lifecycle").then().statusCode(200);
        assertThat(kinds(dept, TODAY)).isEmpty();

        // a prohibited system never goes to production
        UUID other = Api.register(dept, owner, tool, "PERSONAL", TODAY.minusDays(10));
        compliance().body(Api.classification("MINIMAL", null, true, TODAY.minusDays(10))).put("/ai-systems/" + other + "/classification")
                .then().statusCode(200);
        compliance().body(Map.of("lifecycle", "PRODUCTION", "reason", "go live", "effectiveFrom", TODAY.toString()))
                .post("/ai-systems/" + other + "/lifecycle").then().statusCode(422).body("errors[0].field", equalTo("lifecycle"));
    }

    @Test
    void aPilotFromAnExperimentInADepartmentGovernanceDoesNotKnowHasNoOwnerUntilOneIsAssigned() {
        String dept = Api.unique("logistics");
        String tool = Api.unique("Route Planner");
        approve(tool, List.of("PUBLIC", "INTERNAL"));
        UUID experiment = UUID.randomUUID();
        Experiments.experiment(experiment, 1, "experiment.started", Experiments.started(experiment, dept, tool, "INTERNAL"));
        UUID system = Experiments.systemIdOf(experiment);
        // registered by the consumer: known once stamped, like every event (no read-your-writes for a client that sent nothing)
        await().atMost(30, TimeUnit.SECONDS).until(() -> compliance().get("/ai-systems/" + system).statusCode() == 200
                && !kinds(dept, TODAY).isEmpty());
        assertThat(kinds(dept, TODAY)).containsExactlyInAnyOrder("NO_OWNER", "NOT_CLASSIFIED");
        assertThat(gaps(dept, TODAY).getString("gaps.find { it.kind == 'NO_OWNER' }.article")).isEqualTo("Art. 26(1)");

        String manager = Api.unique("mona");
        compliance().body(Map.of("course", "AI literacy", "provider", "Academy", "completedOn", TODAY.minusDays(1).toString()))
                .post("/persons/" + manager + "/trainings").then().statusCode(201);
        Api.approver(dept).body(Map.of("toDepartment", dept, "toOwner", person(manager, "Mona"), "reason", "Mona owns the pilot",
                "effectiveFrom", TODAY.toString())).post("/ai-systems/" + system + "/transfers").then().statusCode(201);
        assertThat(kinds(dept, TODAY)).containsExactly("NOT_CLASSIFIED");
    }

    private static void approve(String tool, List<String> classes) {
        admin().body(Map.of("tool", tool, "vendor", "Acme", "allowedDataClasses", classes, "validFrom", TODAY.minusYears(1).toString()))
                .post("/approved-tools").then().statusCode(200);
    }

    private static JsonPath gaps(String dept, LocalDate asOf) {
        return compliance().queryParam("department", dept).queryParam("asOf", asOf.toString()).get("/compliance-gaps").then()
                .statusCode(200).extract().jsonPath();
    }

    private static List<String> kinds(String dept, LocalDate asOf) {
        return gaps(dept, asOf).getList("gaps.kind", String.class);
    }
}
