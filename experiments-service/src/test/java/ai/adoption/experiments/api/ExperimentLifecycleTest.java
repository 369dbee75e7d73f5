package ai.adoption.experiments.api;

import ai.adoption.experiments.Api;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static ai.adoption.experiments.Api.FINANCE;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

/** Experiments end to end: start rules, learnings and their search, conclusion, overdue and the funnel. */
@QuarkusTest
class ExperimentLifecycleTest {

    @Test
    void anApprovedIdeaRunsOneExperimentAtATimeAndEveryoneLearnsFromIt() {
        String marker = "zeppelin" + UUID.randomUUID().toString().substring(0, 6);
        String idea = Api.approvedIdea(FINANCE);
        String experiment = Api.startExperiment(idea, FINANCE, "lena");
        Api.employee("x", FINANCE).get("/ideas/{id}", idea).then().body("status", equalTo("IN_EXPERIMENT"))
                .body("runningExperimentId", equalTo(experiment));
        // a second experiment for the same idea is refused while one runs
        Api.approver("mgr-finance", FINANCE).body(Api.experiment(idea, "lena")).post("/experiments")
                .then().statusCode(409).body("currentState", equalTo("IN_EXPERIMENT"));

        Api.employee("lena", "it").body(Map.of("category", "SURPRISINGLY_EASY", "text", "Extracting " + marker + " clauses was trivial"))
                .post("/experiments/{id}/learnings", experiment).then().statusCode(201).body("learningCount", equalTo(1));
        Api.employee("carl", FINANCE).body(Map.of("category", "TOOL_CON", "text", "It hallucinated a " + marker + " date once"))
                .post("/experiments/{id}/learnings", experiment).then().statusCode(201);
        Api.as("amy", "hr", "ambassador").queryParam("q", marker).get("/learnings/search").then().statusCode(200)
                .body("total", equalTo(2)).body("items[0].experimentId", equalTo(experiment))
                .body("items[0].rank", greaterThanOrEqualTo(0f));

        Api.employee("lena", "it").body(Map.of("outcome", "FAILED", "recommendation", "REVISIT", "summary", "Not reliable yet"))
                .post("/experiments/{id}/conclude", experiment).then().statusCode(200).body("status", equalTo("CONCLUDED"))
                .body("outcome", equalTo("FAILED")).body("learnings.size()", equalTo(2));
        Api.employee("lena", "it").body(Map.of("category", "WORKED", "text", "late"))
                .post("/experiments/{id}/learnings", experiment).then().statusCode(409).body("currentState", equalTo("CONCLUDED"));
        // the idea is free again for a new attempt
        Api.employee("x", FINANCE).get("/ideas/{id}", idea).then().body("status", equalTo("APPROVED"));
        Api.employee("x", FINANCE).get("/experiments/{id}/history", experiment).then().statusCode(200)
                .body("type", hasItem("ai.adoption.experiment.concluded.v1"));
    }

    @Test
    void experimentStartedCarriesTheIdeasCurrentDataClassification() {
        String submitter = "emp-" + UUID.randomUUID();
        String idea = Api.submitIdea(submitter, FINANCE);
        Api.employee(submitter, FINANCE).body(Map.of("title", "Payroll questions " + UUID.randomUUID(), "problem", "p",
                "aiTool", "ChatGPT Enterprise", "dataClassification", "PERSONAL", "benefitCategory", "SUPPORT_TOOL"))
                .put("/ideas/{id}", idea).then().statusCode(200).body("dataClassification", equalTo("PERSONAL"));
        Api.approver("mgr-finance", FINANCE).body(Map.of()).post("/ideas/{id}/approve", idea).then().statusCode(200);
        String experiment = Api.startExperiment(idea, FINANCE, "lena");
        Api.employee("x", FINANCE).get("/experiments/{id}/history", experiment).then().statusCode(200)
                .body("[0].type", equalTo("ai.adoption.experiment.started.v1"))
                .body("[0].payload.dataClassification", equalTo("PERSONAL"))
                .body("[0].payload.tool", equalTo("ChatGPT Enterprise"));
    }

    @Test
    void unapprovedIdeasCannotStartExperimentsAndTheTimeBoxIsChecked() {
        String submitted = Api.submitIdea("s", FINANCE);
        Api.approver("mgr-finance", FINANCE).body(Api.experiment(submitted, "lena")).post("/experiments")
                .then().statusCode(409).body("currentState", equalTo("SUBMITTED"));
        Map<String, Object> body = new HashMap<>(Api.experiment(Api.approvedIdea(FINANCE), "lena"));
        body.put("plannedEndDate", LocalDate.now().minusDays(1).toString());
        Api.approver("mgr-finance", FINANCE).body(body).post("/experiments")
                .then().statusCode(422).body("errors[0].field", equalTo("plannedEndDate"));
    }

    @Test
    void anExperimentPastItsPlannedEndIsShownAsOverdue() {
        Map<String, Object> body = new HashMap<>(Api.experiment(Api.approvedIdea(FINANCE), "lena"));
        body.put("startDate", LocalDate.now().minusWeeks(8).toString());
        body.put("plannedEndDate", LocalDate.now().minusWeeks(1).toString());
        String overdue = Api.approver("mgr-finance", FINANCE).body(body).post("/experiments").then().statusCode(201)
                .body("overdue", equalTo(true)).extract().path("id");
        String onTime = Api.startExperiment(Api.approvedIdea(FINANCE), FINANCE, "lena");
        Api.employee("x", FINANCE).queryParam("overdue", "true").queryParam("size", 100).get("/experiments").then().statusCode(200)
                .body("items.id", hasItem(overdue)).body("items.id", not(hasItem(onTime)));
        Api.employee("x", FINANCE).queryParam("overdue", "false").queryParam("size", 100).get("/experiments").then()
                .body("items.id", hasItem(onTime)).body("items.id", not(hasItem(overdue)));
    }

    @Test
    void theFunnelCountsEachStagePerDepartment() {
        String department = "dept-" + UUID.randomUUID().toString().substring(0, 8);
        Api.submitIdea("f1", department);
        String rejected = Api.submitIdea("f2", department);
        Api.approver("mgr-" + department, department).body(Map.of("reason", "NOT_A_PRIORITY", "explanation", "later"))
                .post("/ideas/{id}/reject", rejected).then().statusCode(200);
        String succeeded = Api.startExperiment(Api.approvedIdea(department), department, "lena");
        Api.employee("lena", department).body(Map.of("outcome", "SUCCEEDED", "recommendation", "SCALE", "summary", "great"))
                .post("/experiments/{id}/conclude", succeeded).then().statusCode(200);
        Api.startExperiment(Api.approvedIdea(department), department, "lena");

        Api.as("cora", null, "compliance-officer").queryParam("department", department).get("/funnel").then().statusCode(200)
                .body("departments.size()", equalTo(1))
                .body("departments[0].department", equalTo(department))
                .body("departments[0].submitted", equalTo(4))
                .body("departments[0].approved", equalTo(2))
                .body("departments[0].rejected", equalTo(1))
                .body("departments[0].experimentsStarted", equalTo(2))
                .body("departments[0].runningNow", equalTo(1))
                .body("departments[0].succeeded", equalTo(1))
                .body("departments[0].failed", equalTo(0))
                .body("departments[0].recommendedToScale", equalTo(1));
    }
}
