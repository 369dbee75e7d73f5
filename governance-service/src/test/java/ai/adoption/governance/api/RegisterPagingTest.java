package ai.adoption.governance.api;

import ai.adoption.governance.Api;
import ai.adoption.governance.Experiments;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static ai.adoption.governance.Api.compliance;
import static ai.adoption.governance.Api.person;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

/**
 * Keyset paging of /ai-systems, /inventory, /compliance-gaps and /findings (issue 13 §6): a walk gives every row exactly
 * once in the documented order, at the first page's knowledge point and date whatever is written between pages, follows
 * the RFC 8288 Link header, keeps the caller's department scope on every page, and refuses a bad limit or cursor with a
 * problem naming the field.
 */
@QuarkusTest
class RegisterPagingTest {

    private static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);
    private static final Pattern NEXT = Pattern.compile("^<([^>]+)>; rel=\"next\"$");

    private record Page(JsonPath body, String link) {
    }

    @Test
    void aWalkGivesEverySystemOnceInOrderAtTheFirstPagesKnowledgePointWhateverIsWrittenBetweenPages() {
        String dept = Api.unique("paging");
        String other = Api.unique("elsewhere");
        String run = UUID.randomUUID().toString().substring(0, 8);
        Map<UUID, String> registered = new LinkedHashMap<>();
        for (int i = 0; i < 25; i++) {
            // systems 3 and 4 share a name: the id breaks the tie
            String name = "Paging " + run + " " + "%03d".formatted(i == 4 ? 3 : i);
            registered.put(register(dept, name, TODAY.minusDays(30)), name);
        }
        List<String> expected = registered.entrySet().stream()
                .sorted(Comparator.comparing((Map.Entry<UUID, String> e) -> e.getValue()).thenComparing(e -> e.getKey().toString()))
                .map(e -> e.getKey().toString()).toList();

        Page first = page(() -> compliance(), "/inventory", Map.of("department", dept, "limit", "10"));
        String knownAt = first.body().getString("knownAt");
        List<String> walked = new ArrayList<>(first.body().getList("systems.systemId", String.class));
        assertThat(first.body().getInt("count")).isEqualTo(10);

        // between pages: a new system that sorts inside the walk, one not yet walked moves out of the department, one retires
        UUID late = register(dept, "Paging " + run + " 017x", TODAY.minusDays(20));
        UUID movedAway = UUID.fromString(expected.get(22));
        compliance().body(Map.of("toDepartment", other, "toOwner", person("olga-" + run, "Olga"), "reason", "Moved",
                "effectiveFrom", TODAY.minusDays(5).toString())).post("/ai-systems/" + movedAway + "/transfers").then().statusCode(201);
        UUID retired = UUID.fromString(expected.get(15));
        compliance().body(Map.of("lifecycle", "RETIRED", "reason", "Replaced", "effectiveFrom", TODAY.minusDays(5).toString()))
                .post("/ai-systems/" + retired + "/lifecycle").then().statusCode(200);

        String link = first.link();
        List<String> points = new ArrayList<>();
        while (link != null) {
            Page next = follow(() -> compliance(), link);
            points.add(next.body().getString("knownAt") + " " + next.body().getString("asOf"));
            walked.addAll(next.body().getList("systems.systemId", String.class));
            link = next.link();
        }
        assertThat(walked).as("one snapshot, each system once, in (name, id) order").containsExactlyElementsOf(expected);
        assertThat(points).as("every page at the first page's point and date").containsExactly(knownAt + " " + TODAY, knownAt + " " + TODAY);

        // a new walk answers at a new point: the writes are in it; /ai-systems pages the same list
        List<String> now = walk(() -> compliance(), "/inventory", Map.of("department", dept, "limit", "10"), "systems.systemId");
        assertThat(now).contains(late.toString()).doesNotContain(movedAway.toString(), retired.toString()).hasSize(24);
        assertThat(now.indexOf(late.toString())).isEqualTo(now.indexOf(expected.get(17)) + 1);
        assertThat(walk(() -> compliance(), "/ai-systems", Map.of("department", dept, "limit", "7"), "systems.systemId"))
                .containsExactlyElementsOf(now);
    }

    @Test
    void anApproverWalksOnlyTheirDepartmentOnEveryPage() {
        String dept = Api.unique("scoped");
        String other = Api.unique("other");
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<String> mine = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            mine.add(register(dept, "Scoped " + run + " " + i, TODAY.minusDays(3)).toString());
            register(other, "Scoped " + run + " " + i + "b", TODAY.minusDays(3));
        }
        List<String> walked = walk(() -> Api.approver(dept), "/inventory", Map.of("limit", "2"), "systems.systemId");
        assertThat(walked).containsExactlyElementsOf(mine);

        // an officer's page link, followed by another department's approver, is refused as the first page would be
        Page officers = page(() -> compliance(), "/inventory", Map.of("department", dept, "limit", "2"));
        Api.approver(other).get(officers.link()).then().statusCode(403).contentType(startsWith("application/problem+json"));
        // the officer's cursor without the department: the approver gets their own department only
        String cursor = officers.body().getString("next");
        List<String> theirs = Api.approver(other).queryParam("after", cursor).queryParam("limit", "500").get("/inventory").then()
                .statusCode(200).extract().jsonPath().getList("systems.department", String.class);
        assertThat(theirs).isNotEmpty().containsOnly(other);
    }

    @Test
    void gapsPageAcrossAndWithinSystemsWithoutSkippingOrRepeating() {
        String dept = Api.unique("gaps");
        String run = UUID.randomUUID().toString().substring(0, 8);
        for (int i = 0; i < 6; i++) {
            register(dept, "Gaps " + run + " " + i, TODAY.minusDays(3)); // each: OWNER_NOT_TRAINED, NOT_CLASSIFIED, TOOL_NOT_APPROVED
        }
        JsonPath all = compliance().queryParam("department", dept).queryParam("limit", "500").get("/compliance-gaps").then()
                .statusCode(200).extract().jsonPath();
        List<String> everything = gaps(all);
        assertThat(everything).hasSizeGreaterThanOrEqualTo(12).doesNotHaveDuplicates();

        // limit 4: cursors fall inside a system's gaps
        Page first = page(() -> compliance(), "/compliance-gaps", Map.of("department", dept, "limit", "4"));
        List<String> walked = new ArrayList<>(gaps(first.body()));
        register(dept, "Gaps " + run + " 0a", TODAY.minusDays(3)); // a write between pages changes nothing in the walk
        String link = first.link();
        while (link != null) {
            Page next = follow(() -> compliance(), link);
            assertThat(next.body().getInt("count")).isLessThanOrEqualTo(4);
            assertThat(next.body().getString("knownAt")).isEqualTo(first.body().getString("knownAt"));
            walked.addAll(gaps(next.body()));
            link = next.link();
        }
        assertThat(walked).containsExactlyElementsOf(everything);
    }

    @Test
    void findingsPageNewestFirstAtOneKnowledgePoint() {
        String dept = Api.unique("findings");
        for (int i = 0; i < 5; i++) {
            Experiments.submitted(UUID.randomUUID(), dept, Api.unique("ShadowTool"), "INTERNAL");
        }
        await().atMost(60, TimeUnit.SECONDS).until(() -> compliance().queryParam("department", dept).get("/findings")
                .jsonPath().getList("findings").size() == 5);
        JsonPath all = compliance().queryParam("department", dept).get("/findings").then().statusCode(200).extract().jsonPath();
        List<String> ids = all.getList("findings.findingId", String.class);
        List<Instant> raised = all.getList("findings.raisedAt", String.class).stream().map(Instant::parse).toList();
        for (int i = 1; i < raised.size(); i++) {
            assertThat(raised.get(i - 1).isAfter(raised.get(i))
                    || raised.get(i - 1).equals(raised.get(i)) && ids.get(i - 1).compareTo(ids.get(i)) > 0).as("newest first").isTrue();
        }

        Page first = page(() -> compliance(), "/findings", Map.of("department", dept, "limit", "2"));
        List<String> walked = new ArrayList<>(first.body().getList("findings.findingId", String.class));
        // a finding raised between pages: not in this walk, in the next one
        Experiments.submitted(UUID.randomUUID(), dept, Api.unique("ShadowTool"), "INTERNAL");
        await().atMost(60, TimeUnit.SECONDS).until(() -> compliance().queryParam("department", dept).get("/findings")
                .jsonPath().getList("findings").size() == 6);
        String link = first.link();
        while (link != null) {
            Page next = follow(() -> compliance(), link);
            assertThat(next.body().getString("knownAt")).isEqualTo(first.body().getString("knownAt"));
            walked.addAll(next.body().getList("findings.findingId", String.class));
            link = next.link();
        }
        assertThat(walked).containsExactlyElementsOf(ids);
        Api.approver(dept).get("/findings").then().statusCode(200).body("count", equalTo(6));
    }

    @Test
    void aBadLimitOrCursorIsAProblemNamingTheField() {
        String dept = Api.unique("bad");
        register(dept, "Bad " + UUID.randomUUID(), TODAY.minusDays(3));
        register(dept, "Bad " + UUID.randomUUID(), TODAY.minusDays(3));
        for (String path : List.of("/ai-systems", "/inventory", "/compliance-gaps", "/findings")) {
            for (String limit : List.of("0", "-1", "501", "abc", "1e3")) {
                problem(compliance().queryParam("limit", limit).get(path), "limit");
            }
            for (String after : List.of("%%%", "not-a-cursor", forged("k1\nx"), "a".repeat(3000),
                    forged("k1\n+10000-01-01T00:00:00Z\n2026-01-01\n" + UUID.randomUUID() + "\n0\nName"),
                    forged("k1\n2026-01-01T00:00:00Z\n2026-01-01\n" + UUID.randomUUID() + "\n-1\nName"))) {
                problem(compliance().queryParam("after", after).get(path), "after");
            }
        }
        String inventoryCursor = page(() -> compliance(), "/inventory", Map.of("department", dept, "limit", "1")).body().getString("next");
        assertThat(inventoryCursor).isNotNull();
        problem(compliance().queryParam("after", inventoryCursor).get("/findings"), "after");
        problem(compliance().queryParam("after", inventoryCursor).queryParam("asOf", TODAY.minusDays(1).toString()).get("/inventory"), "after");
        problem(compliance().queryParam("after", inventoryCursor).queryParam("knownAt", "2026-01-01T00:00:00Z").get("/compliance-gaps"),
                "after");
        // the same values as the cursor's are fine
        compliance().queryParam("after", inventoryCursor).queryParam("asOf", TODAY.toString()).queryParam("department", dept)
                .get("/inventory").then().statusCode(200).body("count", equalTo(1));
    }

    private static String forged(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static UUID register(String department, String name, LocalDate effectiveFrom) {
        Map<String, Object> body = Api.system(department, "owner-" + department, "Copilot", "INTERNAL", effectiveFrom);
        body.put("name", name);
        return UUID.fromString(compliance().body(body).post("/ai-systems").then().statusCode(201).extract().path("id"));
    }

    private static List<String> gaps(JsonPath body) {
        List<String> found = new ArrayList<>();
        List<Map<String, Object>> gaps = body.getList("gaps");
        for (Map<String, Object> g : gaps) {
            Object p = g.get("person");
            found.add(g.get("systemId") + " " + g.get("kind") + " " + (p == null ? "" : ((Map<?, ?>) p).get("id")) + " " + g.get("detail"));
        }
        return found;
    }

    private static Page page(Supplier<RequestSpecification> caller, String path, Map<String, String> query) {
        RequestSpecification request = caller.get();
        query.forEach(request::queryParam);
        return read(request.get(path));
    }

    private static Page follow(Supplier<RequestSpecification> caller, String link) {
        return read(caller.get().get(link));
    }

    private static Page read(Response response) {
        response.then().statusCode(200);
        JsonPath body = response.jsonPath();
        String header = response.header("Link");
        String next = body.getString("next");
        if (next == null) {
            assertThat(header).as("no Link on the last page").isNull();
            return new Page(body, null);
        }
        Matcher m = NEXT.matcher(header == null ? "" : header);
        assertThat(m.matches()).as("Link: " + header).isTrue();
        assertThat(m.group(1)).contains("after=" + next);
        return new Page(body, m.group(1));
    }

    private static List<String> walk(Supplier<RequestSpecification> caller, String path, Map<String, String> query, String items) {
        Page page = page(caller, path, query);
        List<String> all = new ArrayList<>(page.body().getList(items, String.class));
        while (page.link() != null) {
            page = follow(caller, page.link());
            all.addAll(page.body().getList(items, String.class));
        }
        return all;
    }

    private static void problem(Response response, String field) {
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(400);
        response.then().contentType(startsWith("application/problem+json")).body("errors[0].field", equalTo(field));
    }
}
