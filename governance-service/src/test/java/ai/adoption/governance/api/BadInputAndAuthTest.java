package ai.adoption.governance.api;

import ai.adoption.governance.Api;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import static ai.adoption.governance.Api.admin;
import static ai.adoption.governance.Api.compliance;
import static ai.adoption.governance.Api.person;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

/** The auth matrix of every write endpoint, and bad input answered with problem+json naming the field, never a 500. */
@QuarkusTest
class BadInputAndAuthTest {

    private static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);

    private record Write(String method, String path, Object body, List<Supplier<RequestSpecification>> allowed,
                         List<Supplier<RequestSpecification>> denied) {
    }

    @Test
    void everyWriteEndpointAdmitsOnlyWhoMayChangeIt() {
        String dept = Api.unique("finance");
        String other = Api.unique("legal");
        UUID system = Api.register(dept, "dora", "Copilot", "INTERNAL", TODAY.minusDays(10));
        String incident = compliance().body(Map.of("summary", "s", "occurredAt", "2026-11-01T10:00:00Z", "serious", false))
                .post("/ai-systems/" + system + "/incidents").then().statusCode(201).extract().header("X-Incident-Id");
        String transfer = compliance().body(Map.of("toDepartment", dept, "toOwner", person("fred", null), "reason", "r",
                "effectiveFrom", TODAY.minusDays(5).toString())).post("/ai-systems/" + system + "/transfers").then().statusCode(201)
                .extract().header("X-Transfer-Id");
        // a second system moved across departments by a compliance officer: only a compliance officer corrects or cancels that move
        UUID moved = Api.register(dept, "dora", "Copilot", "INTERNAL", TODAY.minusDays(10));
        String crossing = compliance().body(Map.of("toDepartment", other, "toOwner", person("lena", null), "reason", "r",
                "effectiveFrom", TODAY.minusDays(3).toString())).post("/ai-systems/" + moved + "/transfers").then().statusCode(201)
                .extract().header("X-Transfer-Id");
        String tool = Api.unique("Tool");
        UUID toolId = UUID.fromString(admin().body(approval(tool)).post("/approved-tools").then().statusCode(200).extract().path("id"));

        Supplier<RequestSpecification> adminS = Api::admin;
        Supplier<RequestSpecification> co = Api::compliance;
        Supplier<RequestSpecification> ownApprover = () -> Api.approver(dept);
        Supplier<RequestSpecification> otherApprover = () -> Api.approver(other);
        Supplier<RequestSpecification> ambassador = () -> Api.ambassador(dept);
        Supplier<RequestSpecification> employee = () -> Api.employee(dept);

        List<Write> writes = List.of(
                new Write("PUT", "/departments/" + Api.unique("d"), Map.of("name", "D", "director", person("x", "X"),
                        "effectiveFrom", "2026-01-01"), List.of(adminS), List.of(co, ownApprover, ambassador, employee)),
                new Write("POST", "/approved-tools", approval(Api.unique("T")), List.of(adminS), List.of(co, ownApprover, employee)),
                new Write("POST", "/approved-tools/" + toolId + "/revocation", Map.of("revokedOn", "2027-01-01", "reason", "r"),
                        List.of(adminS), List.of(co, ownApprover, employee)),
                new Write("POST", "/ai-systems", Api.system(dept, "dora", "Copilot", "INTERNAL", TODAY), List.of(co, ownApprover),
                        List.of(adminS, otherApprover, ambassador, employee)),
                new Write("PUT", "/ai-systems/" + system + "/classification", Api.classification("MINIMAL", null, false, TODAY),
                        List.of(co), List.of(adminS, ownApprover, ambassador, employee)),
                new Write("PUT", "/ai-systems/" + system + "/obligations", Map.of("logRetentionMonths", 12, "effectiveFrom",
                        TODAY.toString()), List.of(co), List.of(adminS, ownApprover, employee)),
                new Write("POST", "/ai-systems/" + system + "/incidents", Map.of("summary", "s", "occurredAt", "2026-11-01T10:00:00Z",
                        "serious", false), List.of(co), List.of(adminS, ownApprover, employee)),
                new Write("POST", "/ai-systems/" + system + "/incidents/" + incident + "/notifications",
                        Map.of("providerInformedAt", "2026-11-02T10:00:00Z"), List.of(co), List.of(adminS, ownApprover, employee)),
                new Write("POST", "/ai-systems/" + system + "/transfers", (Supplier<Object>) () -> Map.of("toDepartment", dept,
                        "toOwner", person(Api.unique("g"), null), "reason", "r", "effectiveFrom", TODAY.toString()), List.of(co, ownApprover),
                        List.of(adminS, otherApprover, ambassador, employee)),
                new Write("POST", "/ai-systems/" + system + "/transfers", Map.of("toDepartment", other, "toOwner", person("h", null),
                        "reason", "r", "effectiveFrom", TODAY.toString()), List.of(co), List.of(ownApprover, otherApprover, adminS)),
                new Write("POST", "/ai-systems/" + system + "/transfers/" + transfer + "/corrections", (Supplier<Object>) () -> Map.of("reason", "r",
                        "owner", person(Api.unique("k"), null)), List.of(co, ownApprover), List.of(adminS, otherApprover, employee)),
                // moving the date of a cross-department transfer shifts accountability between the two departments
                new Write("POST", "/ai-systems/" + moved + "/transfers/" + crossing + "/corrections", Map.of("reason", "r",
                        "effectiveFrom", TODAY.minusDays(1).toString()), List.of(co), List.of(adminS, ownApprover, otherApprover, employee)),
                // so does cancelling it: neither the giving nor the receiving department's approver may
                new Write("POST", "/ai-systems/" + moved + "/transfers/" + crossing + "/corrections", Map.of("reason", "r",
                        "cancel", true), List.of(co), List.of(adminS, ownApprover, otherApprover, ambassador, employee)),
                // from yesterday on, with no later lifecycle change, this rewrites today's holder (other) too: the approver of
                // the department that held it yesterday may not (issue 13 §3), a compliance officer may
                new Write("POST", "/ai-systems/" + system + "/lifecycle", Map.of("lifecycle", "SCALING", "effectiveFrom", TODAY.minusDays(1).toString()),
                        List.of(co), List.of(adminS, ownApprover, otherApprover, ambassador, employee)),
                // from today, only the department that holds it from today
                new Write("POST", "/ai-systems/" + system + "/lifecycle", Map.of("lifecycle", "PRODUCTION", "effectiveFrom", TODAY.toString()),
                        List.of(otherApprover), List.of(adminS, ownApprover, ambassador, employee)),
                new Write("POST", "/persons/" + Api.unique("p") + "/trainings", Map.of("course", "c", "provider", "p",
                        "completedOn", "2026-01-01"), List.of(co, adminS), List.of(ownApprover, ambassador, employee)),
                new Write("POST", "/admin/projections/register/rebuild", null, List.of(adminS), List.of(co, ownApprover, employee)));

        for (Write w : writes) {
            int anonymous = send(Api.anonymous(), w);
            assertThat(anonymous).as("anonymous %s %s", w.method(), w.path()).isEqualTo(401);
            int badToken = send(RestAssured.given().contentType("application/json").auth().oauth2("not.a.jwt"), w);
            assertThat(badToken).as("bad token %s %s", w.method(), w.path()).isEqualTo(401);
            for (Supplier<RequestSpecification> who : w.denied()) {
                assertThat(send(who.get(), w)).as("denied caller on %s %s", w.method(), w.path()).isEqualTo(403);
            }
            for (Supplier<RequestSpecification> who : w.allowed()) {
                assertThat(send(who.get(), w)).as("allowed caller on %s %s", w.method(), w.path()).isBetween(200, 299);
            }
        }
    }

    @Test
    void readsAreForComplianceAdminsAndTheOwningDepartment() {
        String dept = Api.unique("finance");
        UUID system = Api.register(dept, "dora", "Copilot", "INTERNAL", TODAY.minusDays(10));
        for (String path : List.of("/ai-systems/" + system, "/ai-systems/" + system + "/ownership", "/ai-systems/" + system + "/history",
                "/ai-systems/" + system + "/ownership/history")) {
            compliance().get(path).then().statusCode(200);
            admin().get(path).then().statusCode(200);
            Api.approver(dept).get(path).then().statusCode(200);
            Api.ambassador(dept).get(path).then().statusCode(200);
            Api.approver("elsewhere").get(path).then().statusCode(403);
            Api.employee(dept).get(path).then().statusCode(403);
            Api.anonymous().get(path).then().statusCode(401);
        }
        Api.employee(dept).get("/compliance-gaps").then().statusCode(403);
        Api.employee(dept).get("/approved-tools").then().statusCode(200);
        Api.employee(dept).get("/departments").then().statusCode(200);
        Api.employee(dept).get("/persons/dora").then().statusCode(403);
        Api.as("dora", dept, "employee").get("/persons/dora").then().statusCode(200);
    }

    @Test
    void badInputIsAProblemNamingTheFieldAndNeverA500() {
        UUID system = Api.register(Api.unique("finance"), "dora", "Copilot", "INTERNAL", TODAY.minusDays(10));
        String s = "/ai-systems/" + system;
        problem(compliance().queryParam("asOf", "2026-13-01").get(s + "/ownership"), 400, "asOf");
        problem(compliance().queryParam("knownAt", "2026-07-01").get(s + "/ownership"), 400, "knownAt");
        problem(compliance().queryParam("knownAt", "2026-07-01T12:00:00").get(s + "/ownership"), 400, "knownAt");
        problem(compliance().get("/ai-systems/not-a-uuid"), 400, "id");
        compliance().get("/ai-systems/" + UUID.randomUUID()).then().statusCode(404).contentType("application/problem+json");
        problem(compliance().queryParam("from", "2026-05-01").get("/inventory/diff"), 400, "to");
        // strict JSON: exact enum names, no coercion, ISO-8601 only, no unknown fields
        Map<String, Object> classification = new java.util.LinkedHashMap<>(Api.classification("HIGH", "EMPLOYMENT", false, TODAY));
        classification.put("riskTier", "high");
        problem(compliance().body(classification).put(s + "/classification"), 400, "riskTier");
        classification.put("riskTier", "HIGH");
        classification.put("screening", Map.of("a", "no", "b", false, "c", false, "d", false, "e", false, "f", false, "g", false, "h", false));
        problem(compliance().body(classification).put(s + "/classification"), 400, "screening.a");
        Map<String, Object> partial = new java.util.LinkedHashMap<>(Api.screening(false));
        partial.remove("c");
        classification.put("screening", partial);
        problem(compliance().body(classification).put(s + "/classification"), 422, "screening.c");
        classification.put("screening", Api.screening(false));
        classification.put("annexIIIArea", null);
        problem(compliance().body(classification).put(s + "/classification"), 422, "annexIIIArea");
        classification.put("effectiveFrom", "01/02/2026");
        problem(compliance().body(classification).put(s + "/classification"), 400, "effectiveFrom");
        problem(compliance().body(Map.of("logRetentionMonths", 3, "effectiveFrom", TODAY.toString())).put(s + "/obligations"), 422,
                "logRetentionMonths");
        problem(compliance().body(Map.of("logRetentionMonths", "12", "effectiveFrom", TODAY.toString())).put(s + "/obligations"), 400,
                "logRetentionMonths");
        problem(compliance().body(Map.of("toDepartment", "x", "toOwner", person("y", null), "reason", "r", "effectiveFrom", "2020-01-01"))
                .post(s + "/transfers"), 422, "effectiveFrom");
        problem(compliance().body(Map.of("toDepartment", "x", "reason", "r", "effectiveFrom", TODAY.toString())).post(s + "/transfers"),
                400, "toOwner");
        problem(compliance().body(Map.of("toDepartment", "x", "toOwner", person("y", null), "reason", "r", "effectiveFrom", TODAY.toString(),
                "surprise", 1)).post(s + "/transfers"), 400, "surprise");
        problem(compliance().body("{\"toDepartment\": ").post(s + "/transfers"), 400, null);
        problem(compliance().body(Map.of("summary", "s", "occurredAt", "2026-11-01 10:00", "serious", false)).post(s + "/incidents"), 400,
                "occurredAt");
        // an outside fuzzer's finds: epoch numbers, epoch strings and five-digit years were taken as instants
        String incident = compliance().body(Map.of("summary", "s", "occurredAt", "2026-11-01T10:00:00Z", "serious", false))
                .post(s + "/incidents").then().statusCode(201).extract().header("X-Incident-Id");
        for (Object bad : List.of(7, 1767225600.5, "1767225600", "+10000-01-01T00:00:00Z", "0000-01-01T00:00:00Z",
                "2026-11-01T10:00:00", "2026-11-01", true)) {
            for (String field : List.of("occurredAt", "providerInformedAt", "authorityInformedAt")) {
                Map<String, Object> body = new java.util.HashMap<>(Map.of("summary", "s", "occurredAt", "2026-11-01T10:00:00Z",
                        "serious", true));
                body.put(field, bad);
                problem(compliance().body(body).post(s + "/incidents"), 400, field);
            }
            for (String field : List.of("providerInformedAt", "authorityInformedAt")) {
                problem(compliance().body(Map.of(field, bad)).post(s + "/incidents/" + incident + "/notifications"), 400, field);
            }
        }
        problem(compliance().body(Map.of("reason", "r")).post(s + "/transfers/" + UUID.randomUUID() + "/corrections"), 404, null);
        problem(admin().body(Map.of("tool", "T", "vendor", "V", "allowedDataClasses", List.of("SECRET"), "validFrom", "2026-01-01"))
                .post("/approved-tools"), 400, "allowedDataClasses[0]");
        problem(admin().body(Map.of("tool", "T", "vendor", "V", "allowedDataClasses", List.of("PUBLIC"), "validFrom", "2026-02-01",
                "validUntil", "2026-01-01")).post("/approved-tools"), 422, "validUntil");
        problem(compliance().body(Map.of("lifecycle", "RETIRED", "effectiveFrom", TODAY.toString())).post(s + "/lifecycle"), -1, null);
        problem(compliance().body(Map.of("lifecycle", "PRODUCTION", "effectiveFrom", TODAY.toString())).post(s + "/lifecycle"), 409, null);
        compliance().header("If-Match", "\"1\"").body(Api.classification("MINIMAL", null, false, TODAY)).put(s + "/classification")
                .then().statusCode(412).contentType("application/problem+json");
    }

    private static void problem(io.restassured.response.Response response, int status, String field) {
        if (status > 0) {
            assertThat(response.statusCode()).as(response.asString()).isEqualTo(status);
        }
        if (status < 0 && response.statusCode() < 400) {
            return;
        }
        assertThat(response.statusCode()).isLessThan(500);
        response.then().contentType(startsWith("application/problem+json"));
        assertThat(response.asString()).doesNotContain("at ai.adoption", "Exception:");
        if (field != null) {
            response.then().body("errors[0].field", equalTo(field));
        }
    }

    private static Map<String, Object> approval(String tool) {
        return Map.of("tool", tool, "vendor", "Acme", "allowedDataClasses", List.of("PUBLIC"), "validFrom", "2026-01-01");
    }

    private static int send(RequestSpecification spec, Write w) {
        if (w.body() != null) {
            spec = spec.body(w.body() instanceof Supplier<?> fresh ? fresh.get() : w.body());
        }
        return switch (w.method()) {
            case "PUT" -> spec.put(w.path()).statusCode();
            case "POST" -> spec.post(w.path()).statusCode();
            default -> throw new IllegalArgumentException(w.method());
        };
    }
}
