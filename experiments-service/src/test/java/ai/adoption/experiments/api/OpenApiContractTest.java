package ai.adoption.experiments.api;

import ai.adoption.experiments.Api;
import ai.adoption.experiments.OpenApiDocument;
import ai.adoption.experiments.OpenApiDocument.Op;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static ai.adoption.experiments.Api.FINANCE;
import static org.assertj.core.api.Assertions.assertThat;

/** Issue 15: the OpenAPI document tells the truth, checked against what the running service answers. */
@QuarkusTest
class OpenApiContractTest {

    private OpenApiDocument doc;

    @org.junit.jupiter.api.BeforeEach
    void fetch() {
        doc = OpenApiDocument.fetch();
    }

    @Test
    void everyOperationHasAnIdASummaryATagAndProblemResponses() {
        Set<String> ids = new HashSet<>();
        for (Op op : doc.operations()) {
            assertThat(op.id()).as(op.method() + " " + op.path()).isNotBlank();
            assertThat(ids.add(op.id())).as("unique " + op.id()).isTrue();
            assertThat(op.node().path("summary").asText()).as(op.id()).isNotBlank();
            assertThat(op.node().path("tags").size()).as(op.id()).isPositive();
            JsonNode responses = op.node().path("responses");
            assertThat(responses.has("400")).as(op.id() + " documents 400").isTrue();
            assertThat(responses.has("401")).as(op.id() + " documents 401").isTrue();
            responses.fields().forEachRemaining(r -> {
                if (r.getKey().startsWith("4") || r.getKey().startsWith("5")) {
                    assertThat(r.getValue().path("content").has("application/problem+json")).as(op.id() + " " + r.getKey()).isTrue();
                }
            });
        }
        assertThat(doc.operation("submitIdea").node().path("responses").has("201")).isTrue();
        assertThat(doc.operation("submitIdea").node().path("responses").has("200")).isFalse();
        assertThat(doc.operation("startExperiment").node().path("responses").has("201")).isTrue();
        assertThat(doc.operation("recordLearning").node().path("responses").has("201")).isTrue();
        assertThat(doc.root.path("servers").size()).isPositive();
        assertThat(doc.root.path("info").path("license").path("name").asText()).isNotBlank();
        doc.root.path("tags").forEach(tag -> assertThat(tag.path("description").asText()).as(tag.toString()).isNotBlank());
    }

    private record Call(String operationId, Response response) {
    }

    private final List<Call> calls = new ArrayList<>();

    private Response call(String operationId, RequestSpecification request, String method, String path, Object... params) {
        Response response = request.request(method, path, params);
        calls.add(new Call(operationId, response));
        return response;
    }

    /** Each documented response schema against what the service really returns, success and error alike. */
    @Test
    void responsesMatchTheDocumentedSchemas() throws IOException {
        String owner = "oa-" + UUID.randomUUID();
        Response submitted = call("submitIdea", Api.employee(owner, FINANCE).body(Api.idea(FINANCE)), "POST", "/ideas");
        String idea = submitted.path("id");
        call("getIdea", Api.employee(owner, FINANCE), "GET", "/ideas/{id}", idea);
        call("listIdeas", Api.employee(owner, FINANCE).queryParam("size", 5), "GET", "/ideas");
        call("reviseIdea", Api.employee(owner, FINANCE).header("If-Match", "\"1\"").body(Map.of("title", "Revised " + UUID.randomUUID(),
                "problem", "p", "aiTool", "t", "dataClassification", "PUBLIC", "benefitCategory", "INNOVATION")), "PUT", "/ideas/{id}", idea);
        call("reviseIdea", Api.employee(owner, FINANCE).header("If-Match", "\"1\"").body(Map.of("title", "Stale",
                "problem", "p", "aiTool", "t", "dataClassification", "PUBLIC", "benefitCategory", "INNOVATION")), "PUT", "/ideas/{id}", idea);
        call("approveIdea", Api.approver("oa-mgr", FINANCE).body(Map.of("funding", Map.of("centralBudgetAmount", 1000, "currency", "EUR",
                "businessUnitCommitted", true, "businessUnit", "Finance ops"), "comment", "go")), "POST", "/ideas/{id}/approve", idea);
        call("approveIdea", Api.approver("oa-mgr", FINANCE).body(Map.of()), "POST", "/ideas/{id}/approve", idea);
        call("getIdeaHistory", Api.employee(owner, FINANCE), "GET", "/ideas/{id}/history", idea);
        String toReject = Api.submitIdea(owner, FINANCE);
        call("rejectIdea", Api.approver("oa-mgr", FINANCE).body(Map.of("reason", "COST", "explanation", "too dear", "revisitAfter", "P3M")),
                "POST", "/ideas/{id}/reject", toReject);
        String toWithdraw = Api.submitIdea(owner, FINANCE);
        call("withdrawIdea", Api.employee(owner, FINANCE).body(Map.of("reason", "changed my mind")), "POST", "/ideas/{id}/withdraw", toWithdraw);

        Response started = call("startExperiment", Api.approver("oa-mgr", FINANCE).body(Api.experiment(idea, owner)), "POST", "/experiments");
        String experiment = started.path("id");
        call("startExperiment", Api.approver("oa-mgr", FINANCE).body(Api.experiment(idea, owner)), "POST", "/experiments");
        call("recordLearning", Api.employee(owner, FINANCE).body(Map.of("category", "WORKED", "text", "Renewal dates oa-contract found fast")),
                "POST", "/experiments/{id}/learnings", experiment);
        call("getExperiment", Api.employee(owner, FINANCE), "GET", "/experiments/{id}", experiment);
        call("listExperiments", Api.employee(owner, FINANCE).queryParam("size", 5), "GET", "/experiments");
        call("getExperimentHistory", Api.employee(owner, FINANCE), "GET", "/experiments/{id}/history", experiment);
        call("searchLearnings", Api.employee(owner, FINANCE).queryParam("q", "renewal"), "GET", "/learnings/search");
        call("getFunnel", Api.employee(owner, FINANCE), "GET", "/funnel");
        call("concludeExperiment", Api.employee(owner, FINANCE).body(Map.of("outcome", "SUCCEEDED", "recommendation", "SCALE", "summary", "s")),
                "POST", "/experiments/{id}/conclude", experiment);
        call("abandonExperiment", Api.employee(owner, FINANCE).body(Map.of("reason", "too late")), "POST", "/experiments/{id}/abandon", experiment);
        call("listProjections", Api.as("oa-admin", null, "admin"), "GET", "/admin/projections");
        Response drafted = call("draftPrompt", Api.employee(owner, FINANCE).body(Map.of("useCase", "Summarise a thread", "businessFunction",
                "Finance", "text", "Summarise {{thread}}", "variables", List.of("thread"), "exampleOutput", "- a point", "tools",
                List.of("OA tool " + UUID.randomUUID()), "maxDataClass", "INTERNAL")), "POST", "/prompts");
        String prompt = drafted.path("id");
        call("submitPrompt", Api.employee(owner, FINANCE), "POST", "/prompts/{id}/submit", prompt);
        call("approvePrompt", Api.as("oa-amb", FINANCE, "ambassador"), "POST", "/prompts/{id}/approve", prompt);
        call("tryPrompt", Api.employee(owner, FINANCE).body(Map.of("minutesSaved", 5)), "POST", "/prompts/{id}/tried", prompt);
        call("getPrompt", Api.employee(owner, FINANCE), "GET", "/prompts/{id}", prompt);
        call("getPromptVersions", Api.employee(owner, FINANCE), "GET", "/prompts/{id}/versions", prompt);
        call("listPrompts", Api.employee(owner, FINANCE).queryParam("size", 5), "GET", "/prompts");
        call("dailyPill", Api.employee(owner, FINANCE), "GET", "/prompts/today");
        // errors
        call("submitIdea", Api.employee(owner, FINANCE).body(Map.of("title", 1)), "POST", "/ideas");
        call("submitIdea", Api.anonymous().body(Api.idea(FINANCE)), "POST", "/ideas");
        call("submitIdea", Api.as("c", FINANCE, "compliance-officer").body(Api.idea(FINANCE)), "POST", "/ideas");
        call("getIdea", Api.employee(owner, FINANCE), "GET", "/ideas/{id}", UUID.randomUUID());
        call("getIdea", Api.employee(owner, FINANCE), "GET", "/ideas/{id}", "nope");
        call("listIdeas", Api.employee(owner, FINANCE).accept("application/xml"), "GET", "/ideas");
        call("rebuildProjection", Api.as("oa-admin", null, "admin"), "POST", "/admin/projections/{name}/rebuild", "no-such-projection");

        List<String> problems = new ArrayList<>();
        Set<String> statusesSeen = new HashSet<>();
        for (Call c : calls) {
            Op op = doc.operation(c.operationId());
            String status = Integer.toString(c.response().statusCode());
            statusesSeen.add(c.operationId() + " " + status);
            JsonNode documented = op.node().path("responses").path(status);
            if (documented.isMissingNode()) {
                problems.add(c.operationId() + ": answered " + status + ", documented " + names(op.node().path("responses")));
                continue;
            }
            JsonNode content = documented.path("content");
            String body = c.response().asString();
            if (content.isMissingNode() || content.isEmpty()) {
                if (!body.isEmpty()) {
                    problems.add(c.operationId() + " " + status + ": body, none documented");
                }
                continue;
            }
            String mediaType = c.response().contentType().split(";")[0].trim();
            JsonNode media = content.path(mediaType);
            if (media.isMissingNode()) {
                problems.add(c.operationId() + " " + status + ": answered " + mediaType + ", documented " + names(content));
                continue;
            }
            problems.addAll(doc.validate(media.path("schema"), OpenApiDocument.JSON.readTree(body), c.operationId() + " " + status + " $"));
        }
        assertThat(problems).as("answers that contradict the OpenAPI document").isEmpty();
        assertThat(statusesSeen).contains("submitIdea 201", "reviseIdea 200", "reviseIdea 412", "approveIdea 409", "startExperiment 201",
                "startExperiment 409", "recordLearning 201", "submitIdea 400", "submitIdea 401", "submitIdea 403", "getIdea 404",
                "listIdeas 406", "rebuildProjection 404", "draftPrompt 201", "approvePrompt 409", "tryPrompt 409", "dailyPill 200");
    }

    private static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
