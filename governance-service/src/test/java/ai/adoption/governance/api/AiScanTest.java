package ai.adoption.governance.api;

import ai.adoption.governance.Api;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static ai.adoption.governance.Api.approver;
import static ai.adoption.governance.Api.as;
import static ai.adoption.governance.Api.compliance;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

/**
 * The AI-scan over HTTP on real PostgreSQL and Kafka: the lifecycle (open, answer, revise, close), the aggregation with
 * the department's targets, the measured AI-literacy coverage beside the self-assessment and the next steps it gives, a
 * scan as known at a point and on a date, the department's trend.
 */
@QuarkusTest
class AiScanTest {

    static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);

    static Map<String, Object> scan(String department, LocalDate from, LocalDate to) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("department", department);
        body.put("label", "Q " + from);
        body.put("periodFrom", from.toString());
        body.put("periodTo", to.toString());
        return body;
    }

    static Map<String, Object> answers(int data, int technology, int customer, int literacy) {
        return Map.of("answers", List.of(Map.of("dimension", "DATA", "level", data), Map.of("dimension", "TECHNOLOGY", "level", technology),
                Map.of("dimension", "CUSTOMER_FOCUS", "level", customer), Map.of("dimension", "AI_LITERACY", "level", literacy)));
    }

    static String open(String department, LocalDate from, LocalDate to) {
        return approver(department).body(scan(department, from, to)).post("/scans").then().statusCode(201)
                .header("Location", startsWith("http")).body("status", equalTo("OPEN")).extract().path("id");
    }

    static RequestSpecification member(String name, String department) {
        return as(name + "-" + department, department, "employee");
    }

    private static Map<String, Object> dimension(JsonPath scan, String dimension) {
        return scan.getMap("results.find { it.dimension == '" + dimension + "' }");
    }

    @Test
    void aScanAggregatesItsAnswersAgainstTheTargetsBesideTheMeasuredCoverageWithNextSteps() {
        String dept = Api.unique("finance");
        String untrained = Api.unique("dora");
        String trained = Api.unique("fred");
        Api.register(dept, untrained, "Copilot", "INTERNAL", TODAY.minusDays(40));
        Api.register(dept, trained, "Copilot", "INTERNAL", TODAY.minusDays(40));
        compliance().body(Map.of("course", "AI literacy", "provider", "Academy", "completedOn", TODAY.minusDays(50).toString()))
                .post("/persons/" + trained + "/trainings").then().statusCode(201);
        approver(dept).body(Map.of("targets", List.of(Map.of("dimension", "AI_LITERACY", "level", 4), Map.of("dimension", "DATA", "level", 3)),
                        "reason", "Literacy first")).put("/departments/" + dept + "/scan-targets").then().statusCode(200)
                .body("targets.dimension", equalTo(List.of("DATA", "AI_LITERACY")));

        String id = open(dept, TODAY.minusDays(30), TODAY.plusDays(30));
        member("a", dept).body(answers(2, 3, 4, 2)).put("/scans/" + id + "/answers/mine").then().statusCode(201).body("revised", equalTo(false));
        member("b", dept).body(answers(1, 4, 4, 3)).put("/scans/" + id + "/answers/mine").then().statusCode(201);
        as("amb-" + dept, dept, "ambassador").body(answers(3, 5, 2, 1)).put("/scans/" + id + "/answers/mine").then().statusCode(201);

        JsonPath before = member("a", dept).get("/scans/" + id).then().statusCode(200).extract().jsonPath();
        assertThat(before.getInt("respondents")).isEqualTo(3);
        Map<String, Object> literacy = dimension(before, "AI_LITERACY");
        assertThat(literacy).containsEntry("answers", 3).containsEntry("median", 2.0f).containsEntry("min", 1).containsEntry("max", 3)
                .containsEntry("range", 2).containsEntry("target", 4).containsEntry("gap", 2.0f);
        assertThat(before.getMap("results.find { it.dimension == 'AI_LITERACY' }.measuredCoverage"))
                .containsEntry("accountable", 2).containsEntry("trained", 1).containsEntry("percent", 50).containsEntry("onDate", TODAY.toString());
        assertThat(dimension(before, "TECHNOLOGY")).containsEntry("median", 4.0f).containsEntry("target", null).containsEntry("gap", null)
                .containsEntry("measuredCoverage", null);
        assertThat(dimension(before, "DATA")).containsEntry("median", 2.0f).containsEntry("gap", 1.0f);
        assertThat(before.getList("nextSteps.kind")).containsExactly("TRAIN_ACCOUNTABLE", "REVIEW_DATA");
        String literacyGaps = before.getString("nextSteps[0].path");
        assertThat(literacyGaps).isEqualTo("/ai-literacy/gaps?department=" + dept + "&asOf=" + TODAY);
        // the step's path is the literacy gaps list, and it names the untrained owner
        assertThat(compliance().get(literacyGaps).then().statusCode(200).extract().jsonPath().getList("person.id")).containsExactly(untrained);

        // one answer per person: b revises (the latest counts), then sends the same again (nothing recorded)
        String knownBefore = before.getString("knownAt");
        member("b", dept).body(answers(1, 4, 4, 5)).put("/scans/" + id + "/answers/mine").then().statusCode(200).body("revised", equalTo(true));
        member("b", dept).body(answers(1, 4, 4, 5)).put("/scans/" + id + "/answers/mine").then().statusCode(200).body("revised", equalTo(false));
        JsonPath after = compliance().get("/scans/" + id).then().statusCode(200).extract().jsonPath();
        assertThat(after.getInt("respondents")).isEqualTo(3);
        assertThat(dimension(after, "AI_LITERACY")).containsEntry("median", 2.0f).containsEntry("max", 5).containsEntry("range", 4);
        assertThat(after.getList("nextSteps.kind")).containsExactly("TRAIN_ACCOUNTABLE", "REVIEW_DATA", "DISCUSS_SPREAD");
        // as known at the earlier point: the answer before the revision, and the same answer again
        JsonPath asKnown = compliance().queryParam("knownAt", knownBefore).get("/scans/" + id).then().statusCode(200).extract().jsonPath();
        assertThat(dimension(asKnown, "AI_LITERACY")).containsEntry("max", 3);
        assertThat(asKnown.getString("knownAt")).isEqualTo(knownBefore);

        // closed: final, and no more answers
        approver(dept).post("/scans/" + id + "/close").then().statusCode(200).body("status", equalTo("CLOSED"))
                .body("closedOn", equalTo(TODAY.toString())).body("onDate", equalTo(TODAY.toString()));
        member("c", dept).body(answers(5, 5, 5, 5)).put("/scans/" + id + "/answers/mine").then().statusCode(409)
                .contentType("application/problem+json");
        approver(dept).post("/scans/" + id + "/close").then().statusCode(409).contentType("application/problem+json");
        // on a date: before it was opened it was not known; today it is closed with its answers
        compliance().queryParam("asOf", TODAY.minusDays(1).toString()).get("/scans/" + id).then().statusCode(404)
                .contentType("application/problem+json");
        compliance().queryParam("asOf", TODAY.toString()).get("/scans/" + id).then().statusCode(200).body("status", equalTo("CLOSED"))
                .body("respondents", equalTo(3));
        assertThat(compliance().queryParam("knownAt", knownBefore).get("/scans/" + id).then().statusCode(200).extract().path("status")
                .toString()).isEqualTo("OPEN");
    }

    @Test
    void theTrendShowsEachScanByPeriodWithTheChangeFromTheOneBefore() {
        String dept = Api.unique("sales");
        String first = open(dept, TODAY.minusDays(200), TODAY.minusDays(110));
        String second = open(dept, TODAY.minusDays(100), TODAY.minusDays(10));
        member("a", dept).body(answers(2, 2, 2, 1)).put("/scans/" + first + "/answers/mine").then().statusCode(201);
        member("b", dept).body(answers(2, 2, 2, 2)).put("/scans/" + first + "/answers/mine").then().statusCode(201);
        member("a", dept).body(answers(3, 2, 2, 3)).put("/scans/" + second + "/answers/mine").then().statusCode(201);
        String knownBetween = member("a", dept).get("/departments/" + dept + "/scans").then().statusCode(200).extract().path("knownAt");
        member("b", dept).body(answers(3, 2, 1, 4)).put("/scans/" + second + "/answers/mine").then().statusCode(201);

        JsonPath trend = member("b", dept).get("/departments/" + dept + "/scans").then().statusCode(200).extract().jsonPath();
        assertThat(trend.getList("scans.id")).containsExactly(first, second);
        assertThat(trend.getList("scans[0].results.median")).containsExactly(2.0f, 2.0f, 2.0f, 1.5f);
        assertThat(trend.getList("scans[0].results.changeFromPrevious")).containsOnlyNulls();
        assertThat(trend.getList("scans[1].results.median")).containsExactly(3.0f, 2.0f, 1.5f, 3.5f);
        assertThat(trend.getList("scans[1].results.changeFromPrevious")).containsExactly(1.0f, 0.0f, -0.5f, 2.0f);
        // as known at a point between the two answers to the second scan
        JsonPath then = compliance().queryParam("knownAt", knownBetween).get("/departments/" + dept + "/scans").then().statusCode(200)
                .extract().jsonPath();
        assertThat(then.getList("scans[1].results.median")).containsExactly(3.0f, 2.0f, 2.0f, 3.0f);
        assertThat(then.getList("scans[1].results.answers")).containsOnly(1);
        // another department's members do not read it
        member("x", Api.unique("legal")).get("/departments/" + dept + "/scans").then().statusCode(403).contentType("application/problem+json");
        member("x", Api.unique("legal")).get("/scans/" + first).then().statusCode(403).contentType("application/problem+json");
    }

    @Test
    void theLevelsAreDescribedInWords() {
        JsonPath levels = member("a", Api.unique("hr")).get("/scans/levels").then().statusCode(200).extract().jsonPath();
        assertThat(levels.getList("dimension")).containsExactly("DATA", "TECHNOLOGY", "CUSTOMER_FOCUS", "AI_LITERACY");
        assertThat(levels.getList("levels[3].level")).containsExactly(1, 2, 3, 4, 5);
        assertThat(levels.getList("levels[3].description", String.class)).allSatisfy(d -> assertThat(d).isNotBlank());
    }
}
