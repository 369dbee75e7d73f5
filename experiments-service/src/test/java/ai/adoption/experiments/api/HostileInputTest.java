package ai.adoption.experiments.api;

import ai.adoption.experiments.Api;
import ai.adoption.experiments.RawHttp;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Supplier;

import static ai.adoption.experiments.Api.FINANCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

/** Issues 10-14: unstorable text and dates, lenient coercion, lax If-Match, HTTP-layer errors, headline XSS. */
@QuarkusTest
class HostileInputTest {

    static ValidatableResponse problem(ValidatableResponse response, int status) {
        return response.log().ifValidationFails().statusCode(status).contentType("application/problem+json").body("status", equalTo(status))
                .body("title", notNullValue()).body(not(containsString("Exception"))).body(not(containsString("\tat ")));
    }

    static ValidatableResponse badField(RequestSpecification request, String method, String path, Object body, String field) {
        return problem(request.body(body).request(method, path).then(), 400).body("errors.field", hasItem(field));
    }

    static Map<String, Object> with(Map<String, Object> base, Consumer<Map<String, Object>> change) {
        Map<String, Object> copy = new HashMap<>(base);
        change.accept(copy);
        return copy;
    }

    // ---- 10: text and dates PostgreSQL cannot store --------------------------------------------------------------

    @Test
    void nulInAnyJsonStringIs400NamingTheField() {
        String idea = Api.submitIdea("nul-owner", FINANCE);
        String experiment = Api.startExperiment(Api.approvedIdea(FINANCE), FINANCE, "nul-lead");
        badField(Api.employee("nul-owner", FINANCE), "POST", "/ideas", with(Api.idea(FINANCE), b -> b.put("title", "a\u0000b")), "title");
        badField(Api.employee("nul-owner", FINANCE), "POST", "/ideas", with(Api.idea(FINANCE), b -> b.put("department", "\u0000")), "department");
        badField(Api.approver("m", FINANCE), "POST", "/ideas/" + idea + "/approve", Map.of("comment", "ok\u0000"), "comment");
        badField(Api.approver("m", FINANCE), "POST", "/ideas/" + idea + "/reject",
                Map.of("reason", "COST", "explanation", "\u0000"), "explanation");
        badField(Api.approver("m", FINANCE), "POST", "/experiments",
                with(Api.experiment(Api.approvedIdea(FINANCE), "x"), b -> b.put("lead", "le\u0000ad")), "lead");
        badField(Api.approver("m", FINANCE), "POST", "/experiments",
                with(Api.experiment(Api.approvedIdea(FINANCE), "x"), b -> b.put("successCriteria", List.of("ok", "bad\u0000"))),
                "successCriteria[1]");
        badField(Api.approver("m", FINANCE), "POST", "/experiments", with(Api.experiment(Api.approvedIdea(FINANCE), "x"),
                b -> b.put("businessUnitFunding", Map.of("businessUnit", "u\u0000", "committedBy", "cfo"))), "businessUnitFunding.businessUnit");
        badField(Api.employee("nul-lead", FINANCE), "POST", "/experiments/" + experiment + "/learnings",
                Map.of("category", "WORKED", "text", "\u0000"), "text");
        // an unpaired surrogate is not Unicode: the driver would store '?' instead
        problem(Api.employee("nul-owner", FINANCE).body("{\"title\":\"x\\ud800y\",\"problem\":\"p\",\"aiTool\":\"t\","
                + "\"dataClassification\":\"PUBLIC\",\"benefitCategory\":\"EFFICIENCY\"}").post("/ideas").then(), 400)
                .body("errors[0].field", equalTo("title"));
    }

    @Test
    void nulInQueryParametersIs400NamingTheParameter() {
        problem(Api.employee("q", FINANCE).queryParam("q", "contract\u0000").get("/learnings/search").then(), 400)
                .body("errors[0].field", equalTo("q"));
        problem(Api.employee("q", FINANCE).queryParam("department", "\u0000").get("/ideas").then(), 400)
                .body("errors[0].field", equalTo("department"));
        problem(Api.employee("q", FINANCE).queryParam("department", "fin\u0000").get("/funnel").then(), 400)
                .body("errors[0].field", equalTo("department"));
    }

    @Test
    void datesPostgresCannotStoreAre400() {
        String approved = Api.approvedIdea(FINANCE);
        for (String date : List.of("+300000-01-01", "0000-01-01", "-0001-01-01", "+10000-01-01", "2026-02-30", "2026-1-5")) {
            badField(Api.approver("m", FINANCE), "POST", "/experiments",
                    with(Api.experiment(approved, "x"), b -> b.put("plannedEndDate", date)), "plannedEndDate");
        }
        for (String path : List.of("/experiments", "/ideas", "/funnel")) {
            problem(Api.employee("d", FINANCE).queryParam("to", "+999999999-12-31").get(path).then(), 400)
                    .body("errors[0].field", equalTo("to"));
            problem(Api.employee("d", FINANCE).queryParam("from", "0000-12-31").get(path).then(), 400)
                    .body("errors[0].field", equalTo("from"));
        }
        // the edges of the range are fine
        Api.employee("d", FINANCE).queryParam("from", "0001-01-01").queryParam("to", "9999-12-31").get("/funnel").then().statusCode(200);
    }

    // ---- 11: strict JSON binding -----------------------------------------------------------------------------------

    @Test
    void noLenientCoercion() {
        String idea = Api.submitIdea("strict-owner", FINANCE);
        String approved = Api.approvedIdea(FINANCE);
        String experiment = Api.startExperiment(Api.approvedIdea(FINANCE), FINANCE, "strict-lead");
        badField(Api.approver("m", FINANCE), "POST", "/experiments", with(Api.experiment(approved, "x"), b -> b.put("lead", 12345)), "lead");
        badField(Api.employee("e", FINANCE), "POST", "/ideas", with(Api.idea(FINANCE), b -> b.put("title", true)), "title");
        badField(Api.employee("e", FINANCE), "POST", "/ideas", with(Api.idea(FINANCE), b -> b.put("benefitCategory", "efficiency")), "benefitCategory");
        badField(Api.employee("e", FINANCE), "POST", "/ideas", with(Api.idea(FINANCE), b -> b.put("dataClassification", 0)), "dataClassification");
        badField(Api.employee("strict-lead", FINANCE), "POST", "/experiments/" + experiment + "/conclude",
                Map.of("outcome", 0, "recommendation", "SCALE", "summary", "s"), "outcome");
        badField(Api.employee("strict-lead", FINANCE), "POST", "/experiments/" + experiment + "/conclude",
                Map.of("outcome", "SUCCEEDED", "recommendation", " SCALE ", "summary", "s"), "recommendation");
        badField(Api.employee("strict-lead", FINANCE), "POST", "/experiments/" + experiment + "/conclude",
                Map.of("outcome", "succeeded", "recommendation", "SCALE", "summary", "s"), "outcome");
        badField(Api.approver("m", FINANCE), "POST", "/experiments", with(Api.experiment(approved, "x"), b -> b.put("startDate", 7)), "startDate");
        badField(Api.approver("m", FINANCE), "POST", "/experiments", with(Api.experiment(approved, "x"),
                b -> b.put("startDate", LocalDate.now() + "T00:00:00")), "startDate");
        badField(Api.approver("m", FINANCE), "POST", "/experiments", with(Api.experiment(approved, "x"),
                b -> b.put("startDate", LocalDate.now() + "T00:00:00Z")), "startDate");
        badField(Api.approver("m", FINANCE), "POST", "/experiments", with(Api.experiment(approved, "x"), b -> b.put("successCriteria", List.of(123))),
                "successCriteria[0]");
        badField(Api.approver("m", FINANCE), "POST", "/experiments", with(Api.experiment(approved, "x"),
                b -> b.put("businessUnitFunding", Map.of("businessUnit", "u", "committedBy", "c", "amount", "100"))), "businessUnitFunding.amount");
        badField(Api.approver("m", FINANCE), "POST", "/experiments", with(Api.experiment(approved, "x"), b -> b.put("ideaId", "")), "ideaId");
        badField(Api.approver("m", FINANCE), "POST", "/ideas/" + idea + "/approve", Map.of("funding",
                Map.of("centralBudgetAmount", 100, "currency", "EUR", "businessUnitCommitted", "true")), "funding.businessUnitCommitted");
        badField(Api.approver("m", FINANCE), "POST", "/ideas/" + idea + "/approve", Map.of("funding",
                Map.of("centralBudgetAmount", "100", "currency", "EUR", "businessUnitCommitted", true)), "funding.centralBudgetAmount");
        badField(Api.approver("m", FINANCE), "POST", "/ideas/" + idea + "/approve", Map.of("funding",
                Map.of("centralBudgetAmount", 100, "currency", "EUR", "businessUnitCommitted", 1)), "funding.businessUnitCommitted");
        badField(Api.approver("m", FINANCE), "POST", "/ideas/" + idea + "/reject", Map.of("reason", "COST", "explanation", "x", "revisitAfter", ""), "revisitAfter");
        badField(Api.approver("m", FINANCE), "POST", "/ideas/" + idea + "/reject", Map.of("reason", "COST", "explanation", "x", "revisitAfter", 3), "revisitAfter");
        // a number is still a number: 25000 for a decimal amount is fine, and so is a correct body
        Api.approver("m", FINANCE).body(Map.of("funding", Map.of("centralBudgetAmount", 100, "currency", "EUR", "businessUnitCommitted", true)))
                .post("/ideas/{id}/approve", idea).then().statusCode(200);
    }

    @Test
    void requiredBodiesAreRequired() {
        String idea = Api.submitIdea("body-owner", FINANCE);
        String experiment = Api.startExperiment(Api.approvedIdea(FINANCE), FINANCE, "body-lead");
        List<Object[]> writes = List.of(
                new Object[]{(Supplier<RequestSpecification>) () -> Api.employee("body-owner", FINANCE), "POST", "/ideas"},
                new Object[]{(Supplier<RequestSpecification>) () -> Api.employee("body-owner", FINANCE), "PUT", "/ideas/" + idea},
                new Object[]{(Supplier<RequestSpecification>) () -> Api.approver("m", FINANCE), "POST", "/ideas/" + idea + "/reject"},
                new Object[]{(Supplier<RequestSpecification>) () -> Api.approver("m", FINANCE), "POST", "/experiments"},
                new Object[]{(Supplier<RequestSpecification>) () -> Api.employee("body-lead", FINANCE), "POST", "/experiments/" + experiment + "/learnings"},
                new Object[]{(Supplier<RequestSpecification>) () -> Api.employee("body-lead", FINANCE), "POST", "/experiments/" + experiment + "/conclude"},
                new Object[]{(Supplier<RequestSpecification>) () -> Api.employee("body-lead", FINANCE), "POST", "/experiments/" + experiment + "/abandon"});
        for (Object[] write : writes) {
            @SuppressWarnings("unchecked")
            Supplier<RequestSpecification> caller = (Supplier<RequestSpecification>) write[0];
            String method = (String) write[1];
            String path = (String) write[2];
            problem(caller.get().request(method, path).then(), 400).body("errors[0].field", equalTo("$"))
                    .body("errors[0].message", equalTo("is required: send a JSON object"));
            problem(caller.get().body("null").request(method, path).then(), 400).body("errors[0].field", equalTo("$"));
            problem(caller.get().body("[]").request(method, path).then(), 400);
            problem(caller.get().body("\"text\"").request(method, path).then(), 400);
            problem(caller.get().body("{} {}").request(method, path).then(), 400);
        }
    }

    @Test
    void enumQueryParametersAreExact() {
        problem(Api.employee("a", FINANCE).queryParam("status", "submitted").get("/ideas").then(), 400).body("errors[0].field", equalTo("status"));
        problem(Api.employee("a", FINANCE).queryParam("benefitCategory", " EFFICIENCY").get("/ideas").then(), 400)
                .body("errors[0].field", equalTo("benefitCategory"));
        problem(Api.employee("a", FINANCE).queryParam("status", "running").get("/experiments").then(), 400).body("errors[0].field", equalTo("status"));
        problem(Api.employee("a", FINANCE).queryParam("overdue", "TRUE").get("/experiments").then(), 400).body("errors[0].field", equalTo("overdue"));
        Api.employee("a", FINANCE).queryParam("status", "SUBMITTED").get("/ideas").then().statusCode(200);
    }

    // ---- 12: If-Match -------------------------------------------------------------------------------------------

    @Test
    void ifMatchIsParsedStrictly() {
        String idea = Api.submitIdea("etag-owner", FINANCE);
        for (String malformed : List.of("\"1", "1", "1\"", "W/1", "\"1\" \"2\"", "\"1\",", ",", "W/ \"1\"", "\"1\"; x", "'1'")) {
            problem(Api.approver("m", FINANCE).header("If-Match", malformed).body(Map.of()).post("/ideas/{id}/approve", idea).then(), 400)
                    .body("errors[0].field", equalTo("If-Match"));
        }
        for (String neverMatches : List.of("W/\"1\"", "\"abc\"", "W/\"1\", W/\"2\"")) {
            problem(Api.approver("m", FINANCE).header("If-Match", neverMatches).body(Map.of()).post("/ideas/{id}/approve", idea).then(), 412)
                    .body("errors[0].field", equalTo("If-Match"));
        }
        problem(Api.approver("m", FINANCE).header("If-Match", "\"7\"").body(Map.of()).post("/ideas/{id}/approve", idea).then(), 412)
                .body("currentVersion", equalTo(1));
        Api.approver("m", FINANCE).header("If-Match", "W/\"9\", \"1\"").body(Map.of()).post("/ideas/{id}/approve", idea).then().statusCode(200)
                .header("ETag", "\"2\"");
    }

    // ---- 13: errors from the HTTP layer -----------------------------------------------------------------------

    private static void rawProblem(RawHttp.Reply reply, int status) {
        assertThat(reply.status()).as(reply.headers() + " " + reply.body()).isEqualTo(status);
        assertThat(reply.contentType()).as(reply.status() + " " + reply.headers() + " " + reply.body()).startsWith("application/problem+json");
        assertThat(reply.body()).contains("\"status\":" + status).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void httpLayerErrorsAreProblems() {
        Map<String, String> auth = Map.of("Authorization", "Bearer " + Api.token("h", FINANCE, "employee"));
        // percent-encoding that decodes to invalid UTF-8 or to NUL (%ZZ itself is refused by Vert.x's codec, see HttpProblems)
        rawProblem(RawHttp.send("GET", "/experiments/%C3%28", auth, (byte[]) null), 400);
        rawProblem(RawHttp.send("GET", "/experiments/%ED%A0%80", auth, (byte[]) null), 400);
        rawProblem(RawHttp.send("GET", "/ideas?department=%C3%28", auth, (byte[]) null), 400);
        rawProblem(RawHttp.send("GET", "/ideas/%00", auth, (byte[]) null), 400);
        rawProblem(RawHttp.send("GET", "/learnings/search?q=a%00", auth, (byte[]) null), 400);
        rawProblem(RawHttp.send("GET", "/experiments/" + "a".repeat(5000), auth, (byte[]) null), 414);
        rawProblem(RawHttp.send("GET", "/learnings/search?q=" + "a".repeat(5000), auth, (byte[]) null), 414);
        rawProblem(RawHttp.send("GET", "/no/such/path", auth, (byte[]) null), 404);

        RawHttp.Reply notAllowed = RawHttp.send("DELETE", "/ideas", auth, (byte[]) null);
        rawProblem(notAllowed, 405);
        assertThat(notAllowed.header("Allow")).contains("GET").contains("POST");
        RawHttp.Reply notAllowedById = RawHttp.send("PATCH", "/ideas/" + UUID.randomUUID(), auth, (byte[]) null);
        rawProblem(notAllowedById, 405);
        assertThat(notAllowedById.header("Allow")).contains("GET").contains("PUT").doesNotContain("POST");

        RawHttp.Reply unsupported = RawHttp.send("POST", "/ideas", Map.of("Authorization", auth.get("Authorization"),
                "Content-Type", "text/plain"), "hello");
        rawProblem(unsupported, 415);
        assertThat(unsupported.body()).doesNotContain("@Consumes").contains("Content-Type");
        RawHttp.Reply notAcceptable = RawHttp.send("GET", "/ideas", Map.of("Authorization", auth.get("Authorization"),
                "Accept", "application/xml"), (byte[]) null);
        rawProblem(notAcceptable, 406);
        assertThat(notAcceptable.body()).doesNotContain("@Produces");
        // an unknown charset parameter is ignored (the body is read as UTF-8), so this is the usual 400
        rawProblem(RawHttp.send("POST", "/ideas", Map.of("Authorization", auth.get("Authorization"),
                "Content-Type", "application/json; charset=ebcdic-nonsense"), "{}"), 400);
    }

    // ---- 14: search headline ----------------------------------------------------------------------------------

    @Test
    void searchHeadlineEscapesTheLearningsText() {
        String word = "zq" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        String experiment = Api.startExperiment(Api.approvedIdea(FINANCE), FINANCE, "xss-lead");
        String hostile = "Tried " + word + " <img src=x onerror=alert(1)> and <script>alert('x')</script> & \"quotes\" \uE000forged\uE001";
        Api.employee("xss-lead", FINANCE).body(Map.of("category", "WORKED", "text", hostile))
                .post("/experiments/{id}/learnings", experiment).then().statusCode(201);
        String headline = RestAssured.given().auth().oauth2(Api.token("r", FINANCE, "employee")).accept(ContentType.JSON)
                .queryParam("q", word).get("/learnings/search").then().statusCode(200)
                .body("items[0].text", equalTo(hostile)).extract().path("items[0].headline");
        assertThat(headline).contains("<b>" + word + "</b>").contains("&lt;img src=x onerror=alert(1)&gt;")
                .contains("&amp;").contains("&quot;quotes&quot;")
                .doesNotContain("<img").doesNotContain("<script").doesNotContain("\uE000")
                .doesNotContain("<b>forged");
        assertThat(headline.replace("<b>", "").replace("</b>", "")).doesNotContain("<").doesNotContain(">");
    }
}
