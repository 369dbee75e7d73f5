package ai.adoption.experiments.api;

import ai.adoption.experiments.Api;
import ai.adoption.testinfra.DevTokens;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static ai.adoption.experiments.Api.FINANCE;
import static ai.adoption.experiments.Api.HR;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

/** Acceptance 6: bad input is a 4xx problem naming the field, never a 500; auth is 401/403 per role and department. */
@QuarkusTest
class BadInputAndAuthTest {

    private static ValidatableResponse problem(ValidatableResponse response, int status) {
        return response.statusCode(status).contentType("application/problem+json").body("status", equalTo(status))
                .body("title", notNullValue()).body("correlationId", notNullValue())
                .body(not(containsString("Exception"))).body(not(containsString("\tat ")));
    }

    @Test
    void brokenJsonIs400() {
        problem(Api.employee("a", FINANCE).body("{\"title\": \"x\", ").post("/ideas").then(), 400);
        problem(Api.employee("a", FINANCE).body("not json at all").post("/ideas").then(), 400);
    }

    @Test
    void emptyBodyIs400() {
        problem(Api.employee("a", FINANCE).post("/ideas").then(), 400);
    }

    @Test
    void wrongTypesAre400WithTheField() {
        Map<String, Object> body = new HashMap<>(Api.idea(FINANCE));
        body.put("title", Map.of("nested", true));
        problem(Api.employee("a", FINANCE).body(body).post("/ideas").then(), 400).body("errors.field", hasItem("title"));
        Map<String, Object> experiment = new HashMap<>(Api.experiment(UUID.randomUUID().toString(), "lena"));
        experiment.put("startDate", "next tuesday");
        problem(Api.approver("m", FINANCE).body(experiment).post("/experiments").then(), 400).body("errors.field", hasItem("startDate"));
        experiment = new HashMap<>(Api.experiment(UUID.randomUUID().toString(), "lena"));
        experiment.put("successCriteria", "just one string");
        problem(Api.approver("m", FINANCE).body(experiment).post("/experiments").then(), 400);
    }

    @Test
    void unknownEnumValuesAre400NamingTheAllowedOnes() {
        Map<String, Object> body = new HashMap<>(Api.idea(FINANCE));
        body.put("dataClassification", "TOP_SECRET");
        problem(Api.employee("a", FINANCE).body(body).post("/ideas").then(), 400)
                .body("errors[0].field", equalTo("dataClassification")).body("errors[0].message", containsString("PERSONAL"));
        problem(Api.employee("a", FINANCE).queryParam("status", "MAYBE").get("/ideas").then(), 400)
                .body("errors[0].field", equalTo("status"));
    }

    @Test
    void missingFieldsAre400ListingEachField() {
        problem(Api.employee("a", FINANCE).body(Map.of("title", "only a title")).post("/ideas").then(), 400)
                .body("errors.field", hasItem("problem")).body("errors.field", hasItem("aiTool"))
                .body("errors.field", hasItem("dataClassification")).body("errors.field", hasItem("benefitCategory"));
        problem(Api.approver("m", FINANCE).body(Map.of("explanation", "x")).post("/ideas/{id}/reject", UUID.randomUUID()).then(), 400)
                .body("errors.field", hasItem("reason"));
        Map<String, Object> experiment = new HashMap<>(Api.experiment(UUID.randomUUID().toString(), "lena"));
        experiment.put("successCriteria", java.util.List.of("ok", " "));
        problem(Api.approver("m", FINANCE).body(experiment).post("/experiments").then(), 400)
                .body("errors.field", hasItem("successCriteria[1]"));
    }

    @Test
    void unknownFieldsAre400() {
        Map<String, Object> body = new HashMap<>(Api.idea(FINANCE));
        body.put("submitter", "someone-else");
        problem(Api.employee("a", FINANCE).body(body).post("/ideas").then(), 400).body("errors[0].field", equalTo("submitter"));
    }

    @Test
    void oversizeBodiesAre413() {
        Map<String, Object> body = new HashMap<>(Api.idea(FINANCE));
        body.put("problem", "x".repeat(70_000));
        problem(Api.employee("a", FINANCE).body(body).post("/ideas").then(), 413);
        body.put("problem", "x".repeat(5_000));
        problem(Api.employee("a", FINANCE).body(body).post("/ideas").then(), 400).body("errors[0].field", equalTo("problem"));
    }

    @Test
    void badUuidsAre400AndUnknownIdsAre404() {
        problem(Api.employee("a", FINANCE).get("/ideas/not-a-uuid").then(), 400).body("errors[0].field", equalTo("id"));
        problem(Api.approver("m", FINANCE).body(Map.of()).post("/ideas/1234/approve").then(), 400);
        problem(Api.employee("a", FINANCE).get("/experiments/{id}", UUID.randomUUID()).then(), 404);
        problem(Api.approver("m", FINANCE).body(Map.of()).post("/ideas/{id}/approve", UUID.randomUUID()).then(), 404);
        Map<String, Object> experiment = new HashMap<>(Api.experiment("nope", "lena"));
        problem(Api.approver("m", FINANCE).body(experiment).post("/experiments").then(), 400).body("errors[0].field", equalTo("ideaId"));
    }

    @Test
    void badQueryParametersAre400() {
        problem(Api.employee("a", FINANCE).queryParam("size", 1000).get("/ideas").then(), 400).body("errors[0].field", equalTo("size"));
        problem(Api.employee("a", FINANCE).queryParam("from", "yesterday").get("/experiments").then(), 400);
        problem(Api.employee("a", FINANCE).queryParam("overdue", "perhaps").get("/experiments").then(), 400);
        problem(Api.employee("a", FINANCE).get("/learnings/search").then(), 400).body("errors[0].field", equalTo("q"));
    }

    @Test
    void unsupportedMediaAndMethodsAreProblems() {
        problem(Api.employee("a", FINANCE).contentType(ContentType.TEXT).body("hello").post("/ideas").then(), 415);
        problem(Api.employee("a", FINANCE).delete("/ideas").then(), 405);
    }

    /** Every write endpoint: anonymous → 401, wrong role → 403, wrong department → 403. */
    @Test
    void everyWriteEndpointChecksAuthentication() {
        String idea = Api.submitIdea("owner", FINANCE);
        String approved = Api.approvedIdea(FINANCE);
        String experiment = Api.startExperiment(Api.approvedIdea(FINANCE), FINANCE, "lena");
        Map<String, Object> revise = Map.of("title", "t", "problem", "p", "aiTool", "x", "dataClassification", "PUBLIC",
                "benefitCategory", "INNOVATION");
        Map<String, Object> reject = Map.of("reason", "COST", "explanation", "x");

        String[][] writes = {
                {"POST", "/ideas"}, {"PUT", "/ideas/" + idea}, {"POST", "/ideas/" + idea + "/withdraw"},
                {"POST", "/ideas/" + idea + "/approve"}, {"POST", "/ideas/" + idea + "/reject"},
                {"POST", "/experiments"}, {"POST", "/experiments/" + experiment + "/learnings"},
                {"POST", "/experiments/" + experiment + "/conclude"}, {"POST", "/experiments/" + experiment + "/abandon"},
                {"POST", "/admin/projections/ideas/rebuild"}};
        for (String[] write : writes) {
            problem(RestAssured.given().contentType(ContentType.JSON).body("{}").request(write[0], write[1]).then(), 401)
                    .header("WWW-Authenticate", containsString("Bearer"));
            problem(RestAssured.given().auth().oauth2("not.a.token").contentType(ContentType.JSON).body("{}")
                    .request(write[0], write[1]).then(), 401);
        }
        // a token signed by another key, or with a tampered payload, is no token at all
        String foreign = DevTokens.mint("x", Set.of("employee"), FINANCE, Duration.ofMinutes(5), foreignKey());
        problem(RestAssured.given().auth().oauth2(foreign).contentType(ContentType.JSON).body(Api.idea(FINANCE))
                .post("/ideas").then(), 401);
        // a token of the same issuer for another audience, or for none, is not for these services
        for (String audience : new String[] {"another-application", null}) {
            String elsewhere = DevTokens.mint("x", Set.of("employee"), FINANCE, Duration.ofMinutes(5),
                    DevTokens.privateKey(), audience);
            problem(RestAssured.given().auth().oauth2(elsewhere).contentType(ContentType.JSON).body(Api.idea(FINANCE))
                    .post("/ideas").then(), 401);
        }
        String genuine = Api.token("x", FINANCE, "employee");
        String[] parts = genuine.split("\\.");
        String forged = parts[0] + "." + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                DevTokens.payloadJson(genuine).replace("\"employee\"", "\"admin\"")
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8)) + "." + parts[2];
        problem(RestAssured.given().auth().oauth2(forged).contentType(ContentType.JSON).body(Api.idea(FINANCE))
                .post("/ideas").then(), 401);

        // wrong role
        problem(Api.as("cora", FINANCE, "compliance-officer").body(Api.idea(FINANCE)).post("/ideas").then(), 403);
        problem(Api.approver("mgr", FINANCE).body(revise).put("/ideas/{id}", idea).then(), 403);
        problem(Api.approver("mgr", FINANCE).body(Map.of()).post("/ideas/{id}/withdraw", idea).then(), 403);
        problem(Api.employee("owner", FINANCE).body(Map.of()).post("/ideas/{id}/approve", idea).then(), 403);
        problem(Api.employee("owner", FINANCE).body(reject).post("/ideas/{id}/reject", idea).then(), 403);
        problem(Api.employee("owner", FINANCE).body(Api.experiment(approved, "lena")).post("/experiments").then(), 403);
        problem(Api.as("cora", FINANCE, "compliance-officer").body(Map.of("category", "WORKED", "text", "x"))
                .post("/experiments/{id}/learnings", experiment).then(), 403);
        problem(Api.as("amy", FINANCE, "ambassador").body(Map.of("outcome", "FAILED", "recommendation", "STOP", "summary", "x"))
                .post("/experiments/{id}/conclude", experiment).then(), 403);
        problem(Api.as("amy", FINANCE, "ambassador").body(Map.of("reason", "x")).post("/experiments/{id}/abandon", experiment).then(), 403);
        problem(Api.approver("mgr", FINANCE).post("/admin/projections/ideas/rebuild").then(), 403);

        // wrong department (or not the submitter / lead)
        problem(Api.employee("owner", FINANCE).body(Api.idea(HR)).post("/ideas").then(), 403);
        problem(Api.employee("drifter", null).body(Api.idea(HR)).post("/ideas").then(), 403);
        Map<String, Object> noDepartment = new java.util.HashMap<>(Api.idea(HR));
        noDepartment.remove("department");
        problem(Api.employee("drifter", null).body(noDepartment).post("/ideas").then(), 403);
        problem(Api.employee("intruder", FINANCE).body(revise).put("/ideas/{id}", idea).then(), 403);
        problem(Api.employee("intruder", FINANCE).body(Map.of()).post("/ideas/{id}/withdraw", idea).then(), 403);
        problem(Api.approver("hr-mgr", HR).body(Map.of()).post("/ideas/{id}/approve", idea).then(), 403);
        problem(Api.approver("hr-mgr", HR).body(reject).post("/ideas/{id}/reject", idea).then(), 403);
        problem(Api.approver("hr-mgr", HR).body(Api.experiment(approved, "lena")).post("/experiments").then(), 403);
        problem(Api.employee("hr-person", HR).body(Map.of("category", "WORKED", "text", "x"))
                .post("/experiments/{id}/learnings", experiment).then(), 403);
        problem(Api.employee("colleague", FINANCE).body(Map.of("outcome", "FAILED", "recommendation", "STOP", "summary", "x"))
                .post("/experiments/{id}/conclude", experiment).then(), 403);
        problem(Api.approver("hr-mgr", HR).body(Map.of("reason", "x")).post("/experiments/{id}/abandon", experiment).then(), 403);
    }

    private static java.security.PrivateKey foreignKey() {
        try {
            java.security.KeyPairGenerator generator = java.security.KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair().getPrivate();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void readsNeedATokenButLearningsAreOpenToEveryRole() {
        problem(RestAssured.given().get("/ideas").then(), 401);
        problem(RestAssured.given().get("/learnings/search?q=contract").then(), 401);
        Api.as("cora", null, "compliance-officer").get("/ideas").then().statusCode(200);
        Api.as("amy", HR, "ambassador").queryParam("q", "contract").get("/learnings/search").then().statusCode(200);
    }
}
