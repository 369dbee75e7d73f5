package ai.adoption.experiments.api.prompt;

import ai.adoption.contracts.Vocabulary.DataClassification;
import ai.adoption.experiments.Api;
import ai.adoption.experiments.GovernanceTools;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.awaitility.Awaitility.await;

/** Test callers and bodies of the prompt catalogue; every department and tool unique to the test. */
final class Prompts {

    private Prompts() {
    }

    static String department() {
        return "dept-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static String tool() {
        return "Tool " + UUID.randomUUID().toString().substring(0, 8);
    }

    static RequestSpecification author(String department) {
        return Api.employee("author-" + department, department);
    }

    static RequestSpecification ambassador(String department) {
        return Api.as("amb-" + department, department, "ambassador");
    }

    static Map<String, Object> body(String tool, String dataClass) {
        Map<String, Object> body = new HashMap<>();
        body.put("useCase", "Find the themes in customer reviews " + UUID.randomUUID());
        body.put("businessFunction", "Customer service");
        body.put("text", "Group these {{count}} reviews into at most five themes, with one quote each: {{reviews}}");
        body.put("variables", List.of("count", "reviews"));
        body.put("exampleOutput", "1. Delivery times (31 reviews): \"It took three weeks\"");
        body.put("tools", List.of(tool));
        body.put("maxDataClass", dataClass);
        return body;
    }

    static String draft(String department, String tool, String dataClass) {
        return author(department).body(body(tool, dataClass)).post("/prompts").then().statusCode(201).extract().path("id");
    }

    static void submit(String department, String id) {
        author(department).post("/prompts/{id}/submit", id).then().statusCode(200);
    }

    static Response approve(RequestSpecification as, String id) {
        return as.post("/prompts/{id}/approve", id);
    }

    /** Governance approves the tool (for these classes, from yesterday) and the consumer has it: then the entry is approved. */
    static void approveTool(String tool, DataClassification... allowed) throws Exception {
        GovernanceTools.approve(tool, LocalDate.now().minusDays(1), null, allowed);
    }

    /** Drafts, submits and approves an entry, once the consumer has learned of the tool's approval. */
    static String approvedEntry(String department, String tool) {
        String id = draft(department, tool, "INTERNAL");
        submit(department, id);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> approve(ambassador(department), id).statusCode() == 200);
        return id;
    }
}
