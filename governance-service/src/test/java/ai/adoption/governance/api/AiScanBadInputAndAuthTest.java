package ai.adoption.governance.api;

import ai.adoption.governance.Api;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import static ai.adoption.governance.Api.approver;
import static ai.adoption.governance.api.AiScanTest.TODAY;
import static ai.adoption.governance.api.AiScanTest.answers;
import static ai.adoption.governance.api.AiScanTest.open;
import static ai.adoption.governance.api.AiScanTest.scan;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/** The AI-scan's auth matrix (401 without a token, 403 for the wrong role or department), and bad input as problem+json naming the field. */
@QuarkusTest
class AiScanBadInputAndAuthTest {

    private record Write(String method, String path, Object body, List<Supplier<RequestSpecification>> allowed,
                         List<Supplier<RequestSpecification>> denied) {
    }

    @Test
    void everyScanWriteAdmitsOnlyWhoMayDoIt() {
        String dept = Api.unique("finance");
        String other = Api.unique("legal");
        Supplier<RequestSpecification> admin = Api::admin;
        Supplier<RequestSpecification> co = Api::compliance;
        Supplier<RequestSpecification> ownApprover = () -> approver(dept);
        Supplier<RequestSpecification> otherApprover = () -> approver(other);
        Supplier<RequestSpecification> ambassador = () -> Api.ambassador(dept);
        Supplier<RequestSpecification> employee = () -> Api.employee(dept);
        Supplier<RequestSpecification> outsider = () -> Api.employee(other);
        String scan = open(dept, TODAY.minusDays(10), TODAY.plusDays(10));
        Map<String, Object> targets = Map.of("targets", List.of(Map.of("dimension", "DATA", "level", 3)));

        List<Write> writes = List.of(
                new Write("POST", "/scans", scan(dept, TODAY, TODAY.plusDays(90)), List.of(ownApprover, admin),
                        List.of(otherApprover, co, ambassador, employee)),
                new Write("PUT", "/departments/" + dept + "/scan-targets", targets, List.of(ownApprover, admin),
                        List.of(otherApprover, co, ambassador, employee)),
                new Write("PUT", "/scans/" + scan + "/answers/mine", answers(3, 3, 3, 3), List.of(employee, ambassador, ownApprover),
                        List.of(outsider, otherApprover, co, admin)),
                // last: closing ends the scan, so the first allowed caller closes it and the second meets a closed scan (409)
                new Write("POST", "/scans/" + scan + "/close", null, List.of(ownApprover),
                        List.of(otherApprover, co, ambassador, employee)));
        for (Write write : writes) {
            send(Api.anonymous(), write).then().statusCode(401);
            for (Supplier<RequestSpecification> caller : write.denied()) {
                send(caller.get(), write).then().statusCode(403).contentType("application/problem+json");
            }
            for (Supplier<RequestSpecification> caller : write.allowed()) {
                int status = send(caller.get(), write).then().extract().statusCode();
                assertThat(status).as(write.method() + " " + write.path()).isBetween(200, 201);
            }
        }
        send(admin.get(), writes.get(3)).then().statusCode(409);
        // reads: 401 without a token; members, compliance officers and admins read, others 403
        for (String path : List.of("/scans/" + scan, "/departments/" + dept + "/scans", "/departments/" + dept + "/scan-targets", "/scans/levels")) {
            Api.anonymous().get(path).then().statusCode(401).contentType("application/problem+json");
            for (Supplier<RequestSpecification> reader : List.of(admin, co, ownApprover, ambassador, employee)) {
                reader.get().get(path).then().statusCode(200);
            }
        }
        for (String path : List.of("/scans/" + scan, "/departments/" + dept + "/scans", "/departments/" + dept + "/scan-targets")) {
            outsider.get().get(path).then().statusCode(403).contentType("application/problem+json");
            otherApprover.get().get(path).then().statusCode(403);
        }
    }

    private static io.restassured.response.Response send(RequestSpecification spec, Write write) {
        if (write.body() != null) {
            spec = spec.body(write.body());
        }
        return write.method().equals("PUT") ? spec.put(write.path()) : spec.post(write.path());
    }

    @Test
    void badInputIsProblemJsonNamingTheFieldNeverA500() {
        String dept = Api.unique("finance");
        String scan = open(dept, TODAY.minusDays(10), TODAY.plusDays(10));
        String path = "/scans/" + scan + "/answers/mine";

        List<Object[]> bad = new ArrayList<>();
        bad.add(new Object[]{answer("data", 3), 400, "answers[0].dimension"});             // enum names are exact
        bad.add(new Object[]{answer("Data", 3), 400, "answers[0].dimension"});
        bad.add(new Object[]{answer(" DATA", 3), 400, "answers[0].dimension"});
        bad.add(new Object[]{answer(0, 3), 400, "answers[0].dimension"});                   // a number is not an enum
        bad.add(new Object[]{answer("DATA", 0), 400, "answers[0].level"});                  // 1-5
        bad.add(new Object[]{answer("DATA", 6), 400, "answers[0].level"});
        bad.add(new Object[]{answer("DATA", "3"), 400, "answers[0].level"});                // a string is not a number
        bad.add(new Object[]{answer("DATA", 2.5), 400, "answers[0].level"});
        bad.add(new Object[]{answer("DATA", null), 400, "answers[0].level"});
        bad.add(new Object[]{Map.of("answers", List.of()), 400, "answers"});
        bad.add(new Object[]{Map.of(), 400, "answers"});
        bad.add(new Object[]{Map.of("answers", "DATA=3"), 400, "answers"});
        Map<String, Object> extra = new LinkedHashMap<>(answers(3, 3, 3, 3));
        extra.put("respondent", "someone-else");                                             // the respondent is the token's subject
        bad.add(new Object[]{extra, 400, "respondent"});
        List<Map<String, Object>> twice = new ArrayList<>();
        twice.add(Map.of("dimension", "DATA", "level", 3));
        twice.add(Map.of("dimension", "DATA", "level", 4));
        twice.add(Map.of("dimension", "TECHNOLOGY", "level", 3));
        twice.add(Map.of("dimension", "AI_LITERACY", "level", 3));
        bad.add(new Object[]{Map.of("answers", twice), 422, "answers"});                    // CUSTOMER_FOCUS missing, DATA twice
        for (Object[] c : bad) {
            Api.employee(dept).body(c[0]).put(path).then().statusCode((int) c[1]).contentType("application/problem+json")
                    .body("errors.field", hasItem(c[2]));
        }
        Api.employee(dept).body("{\"answers\": [").put(path).then().statusCode(400).contentType("application/problem+json");

        // opening: ISO dates only, the period in order, a valid department
        for (String date : List.of("2026-13-01", "01.10.2026", "2026-10-1", "2026-02-30", "")) {
            Map<String, Object> body = scan(dept, TODAY, TODAY.plusDays(1));
            body.put("periodFrom", date);
            approver(dept).body(body).post("/scans").then().statusCode(400).contentType("application/problem+json")
                    .body("errors.field", hasItem("periodFrom"));
        }
        Map<String, Object> numeric = scan(dept, TODAY, TODAY.plusDays(1));
        numeric.put("periodTo", 20261231);
        approver(dept).body(numeric).post("/scans").then().statusCode(400).body("errors.field", hasItem("periodTo"));
        approver(dept).body(scan(dept, TODAY, TODAY.minusDays(1))).post("/scans").then().statusCode(422)
                .contentType("application/problem+json").body("errors.field", hasItem("periodTo"));
        approver(dept).body(scan(dept, TODAY, TODAY.plusYears(2))).post("/scans").then().statusCode(422)
                .body("errors.field", hasItem("periodTo"));
        Map<String, Object> noDepartment = scan(dept, TODAY, TODAY.plusDays(1));
        noDepartment.put("department", " ");
        approver(dept).body(noDepartment).post("/scans").then().statusCode(400).body("errors.field", hasItem("department"));

        // targets: exact names, 1-5, once each
        approver(dept).body(Map.of("targets", List.of(Map.of("dimension", "AI_LITERACY", "level", 9))))
                .put("/departments/" + dept + "/scan-targets").then().statusCode(400).body("errors.field", hasItem("targets[0].level"));
        approver(dept).body(Map.of("targets", List.of(Map.of("dimension", "LITERACY", "level", 3))))
                .put("/departments/" + dept + "/scan-targets").then().statusCode(400).body("errors.field", hasItem("targets[0].dimension"));
        approver(dept).body(Map.of("targets", List.of(Map.of("dimension", "DATA", "level", 3), Map.of("dimension", "DATA", "level", 4))))
                .put("/departments/" + dept + "/scan-targets").then().statusCode(422).body("errors.field", hasItem("targets"));

        // reads: ids, dates and points
        Api.compliance().get("/scans/not-a-scan").then().statusCode(400).body("errors.field", hasItem("id"));
        Api.compliance().get("/scans/" + UUID.randomUUID()).then().statusCode(404).contentType("application/problem+json");
        Api.compliance().queryParam("asOf", "2026-02-30").get("/scans/" + scan).then().statusCode(400).body("errors.field", hasItem("asOf"));
        Api.compliance().queryParam("asOf", TODAY.toString()).queryParam("knownAt", "2026-01-01T00:00:00Z").get("/scans/" + scan)
                .then().statusCode(400).body("errors.field", hasItem("asOf"));
        Api.compliance().queryParam("knownAt", "yesterday").get("/departments/" + dept + "/scans").then().statusCode(400)
                .body("errors.field", hasItem("knownAt"));
        Api.compliance().get("/departments/{id}/scans", "bad/../id").then().statusCode(org.hamcrest.Matchers.lessThan(500));
        Api.employee(dept).body(answers(3, 3, 3, 3)).put("/scans/" + UUID.randomUUID() + "/answers/mine").then().statusCode(404)
                .contentType("application/problem+json");
        approver(dept).post("/scans/" + UUID.randomUUID() + "/close").then().statusCode(404).body("status", equalTo(404));
        RestAssured.given().get("/scans/levels").then().statusCode(401);
    }

    /** A full answer whose first entry is {@code (dimension, level)} as given; the other three are valid. */
    private static Map<String, Object> answer(Object dimension, Object level) {
        List<Map<String, Object>> entries = new ArrayList<>();
        Map<String, Object> first = new LinkedHashMap<>();
        first.put("dimension", dimension);
        first.put("level", level);
        entries.add(first);
        entries.add(Map.of("dimension", "TECHNOLOGY", "level", 3));
        entries.add(Map.of("dimension", "CUSTOMER_FOCUS", "level", 3));
        entries.add(Map.of("dimension", "AI_LITERACY", "level", 3));
        return Map.of("answers", entries);
    }
}
