package ai.adoption.revisit.api;

import ai.adoption.revisit.Api;
import ai.adoption.revisit.Db;
import ai.adoption.revisit.Experiments;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/** Acceptance 6: bringing a tool forward makes every waiting case of it due now, each fires once; others stay. */
@QuarkusTest
class BringForwardTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void everyWaitingCaseOfTheToolIsDueNowAndFiresOnce() {
        String department = Api.department("procurement");
        String other = Api.department("hr");
        String tool = "Tool-" + UUID.randomUUID();
        List<Experiments.Sent> mine = List.of(Experiments.reject(department, tool, "TOOL_NOT_APPROVED", null),
                Experiments.reject(department, tool.toUpperCase(), "TOOL_NOT_APPROVED", "P1Y"),
                Experiments.reject(department, tool, "COST", null));
        Experiments.Sent otherTool = Experiments.reject(department, "Other " + tool, "TOOL_NOT_APPROVED", null);
        Experiments.Sent otherDepartment = Experiments.reject(other, tool, "TOOL_NOT_APPROVED", null);
        for (Experiments.Sent sent : List.of(mine.get(0), mine.get(1), mine.get(2), otherTool, otherDepartment)) {
            await().atMost(60, TimeUnit.SECONDS).until(() -> Api.reader().get("/revisits/{id}", Experiments.caseIdOf(sent))
                    .statusCode() == 200);
        }

        // only one rejection reason first
        Api.ambassador(department).body(Map.of("tool", tool, "rejectionReason", "cost")).post("/revisits/bring-forward")
                .then().statusCode(200).body("count", equalTo(1)).body("department", equalTo(department));
        // then the rest of the tool, in the ambassador's own department only
        Api.ambassador(department).body(Map.of("tool", tool, "why", "the tool was approved")).post("/revisits/bring-forward")
                .then().statusCode(200).body("count", equalTo(2));
        for (Experiments.Sent sent : mine) {
            UUID id = Experiments.caseIdOf(sent);
            await().atMost(60, TimeUnit.SECONDS).until(() -> "DUE".equals(Api.reader().get("/revisits/{id}", id).path("status")));
        }
        // asking again changes nothing: they are due already
        Api.ambassador(department).body(Map.of("tool", tool)).post("/revisits/bring-forward").then().statusCode(200)
                .body("count", equalTo(0));
        for (Experiments.Sent sent : mine) {
            assertThat(Db.dueEvents(dataSource, Experiments.caseIdOf(sent))).isEqualTo(1);
        }
        Api.reader().get("/revisits/{id}", Experiments.caseIdOf(otherTool)).then().body("status", equalTo("SCHEDULED"));
        Api.reader().get("/revisits/{id}", Experiments.caseIdOf(otherDepartment)).then().body("status", equalTo("SCHEDULED"));
        // another department's cases only for an admin
        Api.ambassador(department).body(Map.of("tool", tool, "department", other)).post("/revisits/bring-forward")
                .then().statusCode(403);
        Api.admin().body(Map.of("tool", tool, "department", other)).post("/revisits/bring-forward").then().statusCode(200)
                .body("count", equalTo(1));
        UUID otherId = Experiments.caseIdOf(otherDepartment);
        await().atMost(60, TimeUnit.SECONDS).until(() -> "DUE".equals(Api.reader().get("/revisits/{id}", otherId).path("status")));
        assertThat(Db.dueEvents(dataSource, otherId)).isEqualTo(1);
        // the list shows due cases first
        Api.reader().queryParam("department", department).get("/revisits").then().statusCode(200)
                .body("total", equalTo(4)).body("items[0].status", equalTo("DUE")).body("items[3].status", equalTo("SCHEDULED"));
        Api.reader().queryParam("department", department).queryParam("status", "SCHEDULED").get("/revisits").then()
                .body("total", equalTo(1));
    }
}
