package ai.adoption.experiments.api.prompt;

import ai.adoption.contracts.Vocabulary.DataClassification;
import ai.adoption.experiments.Api;
import ai.adoption.experiments.GovernanceTools;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static ai.adoption.experiments.api.prompt.Prompts.ambassador;
import static ai.adoption.experiments.api.prompt.Prompts.approve;
import static ai.adoption.experiments.api.prompt.Prompts.approvedEntry;
import static ai.adoption.experiments.api.prompt.Prompts.author;
import static ai.adoption.experiments.api.prompt.Prompts.draft;
import static ai.adoption.experiments.api.prompt.Prompts.submit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

/**
 * The prompt catalogue over HTTP, on real PostgreSQL and Kafka: the lifecycle with versions, approval only for tools
 * governance's approved-tools list allows with the entry's data class (learned from this run's governance.tool),
 * flagging on revocation and expiry, ranking by use, and bad input and roles.
 */
@QuarkusTest
class PromptCatalogueTest {

    private static ValidatableResponse problem(ValidatableResponse response, int status) {
        return response.statusCode(status).contentType("application/problem+json").body("status", equalTo(status))
                .body("correlationId", notNullValue()).body(not(containsString("Exception")));
    }

    @Test
    void aPromptForAnUnapprovedToolOrDataClassCannotBeApprovedUntilGovernanceAllowsIt() throws Exception {
        String department = Prompts.department();
        String tool = Prompts.tool();
        String id = draft(department, tool, "CONFIDENTIAL");
        submit(department, id);

        problem(approve(ambassador(department), id).then(), 409).body("type", containsString("tool-not-approved"))
                .body("detail", containsString(tool)).body("detail", containsString("CONFIDENTIAL"))
                .body("errors.field", hasItem("tools"));

        // governance approves the tool, but only for INTERNAL data: still refused, now naming the data class
        GovernanceTools.approve(tool, LocalDate.now().minusDays(1), null, DataClassification.INTERNAL);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                problem(approve(ambassador(department), id).then(), 409).body("detail", containsString("not CONFIDENTIAL")));

        GovernanceTools.approve(tool, LocalDate.now().minusDays(1), null, DataClassification.INTERNAL, DataClassification.CONFIDENTIAL);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> approve(ambassador(department), id).statusCode() == 200);
        Api.employee("reader", "other").get("/prompts/{id}", id).then().statusCode(200).body("status", equalTo("APPROVED"))
                .body("servedVersion", equalTo(1)).body("flagged", equalTo(false)).body("flagReason", nullValue());

        // editing the approved entry makes version 2 in DRAFT; version 1 stays served
        Map<String, Object> revised = Prompts.body(tool, "CONFIDENTIAL");
        revised.put("text", "List the {{count}} most frequent complaints in {{reviews}}");
        String before = author(department).get("/prompts/{id}", id).then().extract().path("text");
        author(department).body(revised).post("/prompts/{id}/revise", id).then().statusCode(200)
                .body("status", equalTo("APPROVED")).body("servedVersion", equalTo(1)).body("latestVersion", equalTo(2))
                .body("latestStatus", equalTo("DRAFT")).body("text", equalTo(before));
        author(department).get("/prompts/{id}/versions", id).then().statusCode(200)
                .body("version", equalTo(List.of(1, 2))).body("status", equalTo(List.of("APPROVED", "DRAFT")));
        submit(department, id);
        approve(ambassador(department), id).then().statusCode(200).body("servedVersion", equalTo(2))
                .body("text", containsString("most frequent complaints"));
        author(department).get("/prompts/{id}/versions", id).then()
                .body("status", equalTo(List.of("SUPERSEDED", "APPROVED")));
        author(department).get("/prompts/{id}/history", id).then().statusCode(200)
                .body("type", hasItem("ai.adoption.prompt.approved.v1"));
    }

    @Test
    void revokingTheToolFlagsTheEntryAtOnceWithTheReasonAndTheListShowsIt() throws Exception {
        String department = Prompts.department();
        String tool = Prompts.tool();
        Prompts.approveTool(tool, DataClassification.INTERNAL);
        String id = approvedEntry(department, tool);
        author(department).get("/prompts/{id}", id).then().body("flagged", equalTo(false));
        author(department).get("/prompts?department={d}&flagged=true", department).then().statusCode(200).body("total", equalTo(0));

        GovernanceTools.revoke(tool, LocalDate.now());
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                author(department).get("/prompts/{id}", id).then().body("flagged", equalTo(true))
                        .body("flagReason", containsString(tool)).body("flagReason", containsString("revoked")));
        author(department).get("/prompts?department={d}&flagged=true", department).then().statusCode(200)
                .body("total", equalTo(1)).body("items[0].id", equalTo(id));
        author(department).get("/prompts?department={d}&flagged=false", department).then().body("total", equalTo(0));
        String pill = author(department).get("/prompts/today").then().statusCode(200).extract().path("entry.id");
        assertThat(pill).isNotEqualTo(id);
    }

    @Test
    void anApprovalThatHasExpiredFlagsTheEntryAndRefusesNewApprovals() throws Exception {
        String department = Prompts.department();
        String tool = Prompts.tool();
        Prompts.approveTool(tool, DataClassification.INTERNAL);
        String id = approvedEntry(department, tool);
        // governance's newest terms for the tool began five days ago and ended yesterday: no event says "expired"
        GovernanceTools.approve(tool, LocalDate.now().minusDays(5), LocalDate.now().minusDays(1), DataClassification.INTERNAL);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                author(department).get("/prompts/{id}", id).then().body("flagged", equalTo(true))
                        .body("flagReason", containsString("expired on " + LocalDate.now().minusDays(1))));
        author(department).get("/prompts?department={d}&flagged=true", department).then().body("total", equalTo(1));
        String second = draft(department, tool, "INTERNAL");
        submit(department, second);
        problem(approve(ambassador(department), second).then(), 409).body("detail", containsString("expired"));
    }

    @Test
    void usesRankTheCatalogueAndMinutesSavedAreStrict() throws Exception {
        String department = Prompts.department();
        String tool = Prompts.tool();
        Prompts.approveTool(tool, DataClassification.INTERNAL);
        String once = approvedEntry(department, tool);
        String twice = approvedEntry(department, tool);
        Api.employee("u1", "sales").body(Map.of("minutesSaved", 45)).post("/prompts/{id}/tried", once).then().statusCode(200)
                .body("useCount", equalTo(1)).body("minutesSaved", equalTo(45));
        Api.employee("u2", "sales").body(Map.of("minutesSaved", 10)).post("/prompts/{id}/tried", twice).then().statusCode(200);
        Api.employee("u3", "sales").body(Map.of()).post("/prompts/{id}/tried", twice).then().statusCode(200)
                .body("useCount", equalTo(2)).body("minutesSaved", equalTo(10));

        author(department).get("/prompts?department={d}", department).then().statusCode(200)
                .body("total", equalTo(2)).body("items.id", equalTo(List.of(twice, once)));
        author(department).get("/prompts?department={d}&rank=MINUTES_SAVED", department).then()
                .body("items.id", equalTo(List.of(once, twice)));
        author(department).get("/prompts?department={d}&size=1&page=1", department).then()
                .body("total", equalTo(2)).body("items.id", equalTo(List.of(once)));

        for (Object bad : List.of(-1, 481, "5", 2.5, true)) {
            problem(Api.employee("u4", "sales").body(Map.of("minutesSaved", bad)).post("/prompts/{id}/tried", once).then(), 400)
                    .body("errors.field", hasItem("minutesSaved"));
        }
        problem(Api.employee("u4", "sales").body(Map.of("minutes", 5)).post("/prompts/{id}/tried", once).then(), 400);
        String draft = draft(department, tool, "INTERNAL");
        problem(Api.employee("u4", "sales").body(Map.of()).post("/prompts/{id}/tried", draft).then(), 409);
        author(department).get("/prompts/{id}", once).then().body("useCount", equalTo(1));
    }

    @Test
    void aLearningOfAConcludedExperimentIsPromotedIntoADraftThatNamesItsSource() {
        String department = Prompts.department();
        String lead = "lead-" + department;
        String experiment = Api.startExperiment(Api.approvedIdea(department), department, lead);
        String learning = Api.employee(lead, department).body(Map.of("category", "WORKED",
                        "text", "Asking for at most five themes with one quote each gave a usable summary"))
                .post("/experiments/{id}/learnings", experiment).then().statusCode(201).extract().path("learnings[0].id");
        Map<String, Object> body = Prompts.body(Prompts.tool(), "INTERNAL");
        body.put("sourceLearningId", learning);
        problem(author(department).body(body).post("/prompts").then(), 409).body("currentState", equalTo("RUNNING"));
        Api.approver("mgr-" + department, department).body(Map.of("outcome", "SUCCEEDED", "recommendation", "SCALE",
                "summary", "Themes found in minutes")).post("/experiments/{id}/conclude", experiment).then().statusCode(200);
        String id = author(department).body(body).post("/prompts").then().statusCode(201).body("status", equalTo("DRAFT"))
                .body("sourceLearningId", equalTo(learning)).body("sourceExperimentId", equalTo(experiment)).extract().path("id");
        author(department).get("/prompts/{id}/history", id).then().body("[0].payload.sourceLearningId", equalTo(learning));
    }

    @Test
    void whoMayDoWhat() throws Exception {
        String department = Prompts.department();
        String tool = Prompts.tool();
        Prompts.approveTool(tool, DataClassification.INTERNAL);
        String id = draft(department, tool, "INTERNAL");

        for (Response response : List.of(Api.anonymous().body(Prompts.body(tool, "INTERNAL")).post("/prompts"),
                Api.anonymous().get("/prompts"), Api.anonymous().get("/prompts/today"), Api.anonymous().get("/prompts/{id}", id),
                Api.anonymous().post("/prompts/{id}/submit", id), Api.anonymous().post("/prompts/{id}/approve", id),
                Api.anonymous().body(Map.of()).post("/prompts/{id}/tried", id))) {
            problem(response.then(), 401);
        }
        problem(Api.as("cora", department, "compliance-officer").body(Prompts.body(tool, "INTERNAL")).post("/prompts").then(), 403);
        // someone else's draft: a colleague may neither revise nor submit it
        problem(Api.employee("colleague", department).body(Prompts.body(tool, "INTERNAL")).post("/prompts/{id}/revise", id).then(), 403);
        problem(Api.employee("colleague", department).post("/prompts/{id}/submit", id).then(), 403);
        submit(department, id);
        problem(approve(Api.employee("colleague", department), id).then(), 403);
        problem(approve(Api.approver("boss", department), id).then(), 403);
        problem(approve(ambassador("another-" + department), id).then(), 403);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> approve(Api.as("root", null, "admin"), id).statusCode() == 200);
        problem(Api.employee("colleague", department).body(Map.of()).post("/prompts/{id}/deprecate", id).then(), 403);
        problem(ambassador("another-" + department).body(Map.of()).post("/prompts/{id}/deprecate", id).then(), 403);
        ambassador(department).body(Map.of("reason", "Replaced")).post("/prompts/{id}/deprecate", id).then().statusCode(200)
                .body("status", equalTo("DEPRECATED"));
        problem(Api.employee("u", "sales").body(Map.of()).post("/prompts/{id}/tried", id).then(), 409);
    }

    @Test
    void badInputGetsProblemJsonNamingTheField() {
        String department = Prompts.department();
        String tool = Prompts.tool();
        Map<String, Object> undeclared = Prompts.body(tool, "INTERNAL");
        undeclared.put("variables", List.of("count"));
        problem(author(department).body(undeclared).post("/prompts").then(), 422).body("errors.field", hasItem("variables"))
                .body("detail", containsString("{{reviews}}"));
        Map<String, Object> unused = Prompts.body(tool, "INTERNAL");
        unused.put("variables", List.of("count", "reviews", "date"));
        problem(author(department).body(unused).post("/prompts").then(), 422).body("errors.field", hasItem("variables"));
        Map<String, Object> badClass = Prompts.body(tool, "secret");
        problem(author(department).body(badClass).post("/prompts").then(), 400).body("errors.field", hasItem("maxDataClass"));
        Map<String, Object> noTools = Prompts.body(tool, "INTERNAL");
        noTools.put("tools", List.of());
        problem(author(department).body(noTools).post("/prompts").then(), 400).body("errors.field", hasItem("tools"));
        Map<String, Object> textAsNumber = Prompts.body(tool, "INTERNAL");
        textAsNumber.put("text", 12345);
        problem(author(department).body(textAsNumber).post("/prompts").then(), 400).body("errors.field", hasItem("text"));
        problem(author(department).body("{\"useCase\": ").post("/prompts").then(), 400);
        problem(author(department).get("/prompts/not-a-uuid").then(), 400).body("errors.field", hasItem("id"));
        problem(author(department).get("/prompts/{id}", java.util.UUID.randomUUID()).then(), 404);
        problem(author(department).post("/prompts/{id}/submit", java.util.UUID.randomUUID()).then(), 404);
        problem(author(department).get("/prompts?rank=uses").then(), 400).body("errors.field", hasItem("rank"));
        problem(author(department).get("/prompts?flagged=yes").then(), 400).body("errors.field", hasItem("flagged"));
        problem(Api.as("nodept", null, "employee").get("/prompts/today").then(), 400).body("errors.field", hasItem("department"));
        Map<String, Object> unknownLearning = Prompts.body(tool, "INTERNAL");
        unknownLearning.put("sourceLearningId", java.util.UUID.randomUUID().toString());
        problem(author(department).body(unknownLearning).post("/prompts").then(), 404);
    }
}
