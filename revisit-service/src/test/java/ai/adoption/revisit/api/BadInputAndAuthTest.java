package ai.adoption.revisit.api;

import ai.adoption.revisit.Api;
import ai.adoption.revisit.Experiments;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

/** Acceptance 7: bad input is a 4xx problem naming the field, never a 500; the auth matrix over every write endpoint. */
@QuarkusTest
class BadInputAndAuthTest {

    static String department;
    static UUID caseId;

    /** A case to aim at, made on first use (the application runs by then). */
    static synchronized void aCase() {
        if (caseId != null) {
            return;
        }
        department = Api.department("auth");
        Experiments.Sent sent = Experiments.reject(department, "Copilot", "COST", null);
        caseId = Experiments.caseIdOf(sent);
        await().atMost(60, TimeUnit.SECONDS).until(() -> Api.reader().get("/revisits/{id}", caseId).statusCode() == 200);
    }

    private static ValidatableResponse problem(ValidatableResponse response, int status) {
        return response.statusCode(status).contentType("application/problem+json").body("status", equalTo(status))
                .body("title", notNullValue()).body(not(containsString("Exception"))).body(not(containsString("\tat ")));
    }

    record Write(String name, Function<RequestSpecification, io.restassured.response.Response> call) {
    }

    private static List<Write> writes() {
        return List.of(
                new Write("evaluate", r -> r.body(Map.of("verdict", "DROP", "reason", "x")).post("/revisits/{id}/evaluations", caseId)),
                new Write("set interval", r -> r.body(Map.of("interval", "P1M")).put("/revisits/{id}/interval", caseId)),
                new Write("bring forward", r -> r.body(Map.of("tool", "Copilot", "department", department)).post("/revisits/bring-forward")),
                new Write("set policy", r -> r.body(Map.of("interval", "P1M")).put("/revisit-policies/{d}", department)),
                new Write("clear policy", r -> r.delete("/revisit-policies/{d}", department)),
                new Write("rebuild", r -> r.post("/admin/projections/cases/rebuild")));
    }

    @Test
    void everyWriteEndpointRefusesAnonymousWithA401AndTheWrongRoleOrDepartmentWithA403() {
        aCase();
        for (Write write : writes()) {
            problem(write.call().apply(Api.anonymous()).then(), 401);
            problem(write.call().apply(Api.as("emp", department, "employee", "approver")).then(), 403);
            if (!write.name().equals("rebuild")) {
                problem(write.call().apply(Api.ambassador(Api.department("elsewhere"))).then(), 403);
            } else {
                problem(write.call().apply(Api.ambassador(department)).then(), 403);
            }
        }
        problem(Api.anonymous().get("/revisits").then(), 401);
        problem(Api.anonymous().get("/revisits/{id}", caseId).then(), 401);
        problem(Api.anonymous().get("/revisit-policies/{d}", department).then(), 401);
        problem(Api.anonymous().header("Authorization", "Bearer not-a-token").get("/revisits").then(), 401);
    }

    @Test
    void badInputIsAProblemNamingTheFieldNeverA500() {
        aCase();
        problem(Api.ambassador(department).body("{\"verdict\": ").post("/revisits/{id}/evaluations", caseId).then(), 400);
        problem(Api.ambassador(department).post("/revisits/{id}/evaluations", caseId).then(), 400);
        problem(Api.ambassador(department).body(Map.of("verdict", "MAYBE")).post("/revisits/{id}/evaluations", caseId).then(), 400)
                .body("errors.field", hasItem("verdict"));
        problem(Api.ambassador(department).body(Map.of("verdict", "DROP", "reason", "x", "extra", 1))
                .post("/revisits/{id}/evaluations", caseId).then(), 400).body("errors.field", hasItem("extra"));
        problem(Api.ambassador(department).body(Map.of("verdict", "DROP", "reason", "x")).post("/revisits/not-a-uuid/evaluations")
                .then(), 400).body("errors.field", hasItem("id"));
        problem(Api.ambassador(department).body(Map.of("verdict", "DROP", "reason", "x"))
                .post("/revisits/{id}/evaluations", UUID.randomUUID()).then(), 404);
        problem(Api.ambassador(department).body(Map.of("interval", "three months")).put("/revisits/{id}/interval", caseId).then(), 400)
                .body("errors.field", hasItem("interval"));
        problem(Api.ambassador(department).body(Map.of("interval", "P6Y")).put("/revisits/{id}/interval", caseId).then(), 422)
                .body("errors.field", hasItem("interval"));
        problem(Api.ambassador(department).body(Map.of("interval", "PT0.5S")).put("/revisit-policies/{d}", department).then(), 422);
        problem(Api.ambassador(department).body(Map.of("interval", 3)).put("/revisit-policies/{d}", department).then(), 400);
        problem(Api.ambassador(department).header("If-Match", "yesterday").body(Map.of("interval", "P1M"))
                .put("/revisits/{id}/interval", caseId).then(), 400).body("errors.field", hasItem("If-Match"));
        problem(Api.ambassador(department).body(Map.of("tool", " ")).post("/revisits/bring-forward").then(), 400)
                .body("errors.field", hasItem("tool"));
        problem(Api.reader().queryParam("status", "sleeping").get("/revisits").then(), 400).body("errors.field", hasItem("status"));
        problem(Api.reader().queryParam("source", "rumour").get("/revisits").then(), 400);
        problem(Api.reader().queryParam("dueBefore", "soon").get("/revisits").then(), 400).body("errors.field", hasItem("dueBefore"));
        problem(Api.reader().queryParam("size", "1000").get("/revisits").then(), 400).body("errors.field", hasItem("size"));
        problem(Api.reader().queryParam("from", "2026-05-01").queryParam("to", "2026-04-01").get("/revisits/counts").then(), 400);
        problem(Api.reader().get("/revisit-policies/{d}", "bad%2Fname").then(), 400);
        problem(Api.reader().get("/revisit-policies/{d}/history", Api.department("never")).then(), 404);
        Api.ambassador(department).contentType("text/plain").body("DROP").post("/revisits/{id}/evaluations", caseId)
                .then().statusCode(415);
    }
}
