package ai.adoption.experiments.api;

import ai.adoption.experiments.Api;
import ai.adoption.experiments.GovernanceFindings;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static ai.adoption.experiments.Api.FINANCE;
import static ai.adoption.experiments.Api.HR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * Acceptance 8: experiments-service's projections rebuilt from the event store equal the live ones,
 * row for row. The rebuild machinery itself (races with commands, chunks, the xmin horizon) is tested
 * in event-sourcing ({@code ProjectionRebuildTest} and its neighbours).
 */
@QuarkusTest
class ReadModelRebuildTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void rebuiltReadModelsEqualTheLiveOnes() throws Exception {
        // a varied history: submitted, revised, withdrawn, rejected, approved, experiments with learnings and endings
        Api.submitIdea("p1", FINANCE);
        String revised = Api.submitIdea("p2", HR);
        Api.employee("p2", HR).body(Map.of("title", "Onboarding assistant", "problem", "p", "aiTool", "Copilot",
                "dataClassification", "PERSONAL", "benefitCategory", "WORK_LIFE_BALANCE")).put("/ideas/{id}", revised).then().statusCode(200);
        String withdrawn = Api.submitIdea("p3", FINANCE);
        Api.employee("p3", FINANCE).body(Map.of("reason", "duplicate")).post("/ideas/{id}/withdraw", withdrawn).then().statusCode(200);
        String rejected = Api.submitIdea("p4", HR);
        Api.approver("hrm", HR).body(Map.of("reason", "MISSING_SKILLS", "explanation", "nobody can prompt", "revisitAfter", "P1M"))
                .post("/ideas/{id}/reject", rejected).then().statusCode(200);
        String idea = Api.approvedIdea(FINANCE);
        String experiment = Api.startExperiment(idea, FINANCE, "lena");
        Api.employee("lena", "it").body(Map.of("category", "TOOL_PRO", "text", "Finds renewal clauses reliably"))
                .post("/experiments/{id}/learnings", experiment).then().statusCode(201);
        Api.employee("lena", "it").body(Map.of("outcome", "SUCCEEDED", "recommendation", "SCALE", "summary", "Works"))
                .post("/experiments/{id}/conclude", experiment).then().statusCode(200);
        String second = Api.startExperiment(Api.approvedIdea(FINANCE), FINANCE, "lena");
        Api.approver("mgr-finance", FINANCE).body(Map.of("reason", "tool withdrawn"))
                .post("/experiments/{id}/abandon", second).then().statusCode(200);
        // two governance findings on one idea (the read model keeps them as JSON text, with their times)
        UUID first = UUID.randomUUID();
        UUID another = UUID.randomUUID();
        GovernanceFindings.send(GovernanceFindings.event(first, 1, "finding.raised",
                        GovernanceFindings.raisedData(first, rejected, "TOOL_NOT_APPROVED")),
                GovernanceFindings.event(another, 1, "finding.raised",
                        GovernanceFindings.raisedData(another, rejected, "TOOL_APPROVAL_EXPIRED")));
        await().atMost(60, TimeUnit.SECONDS).until(() -> Api.employee("p4", HR).get("/ideas/{id}", rejected)
                .<List<?>>path("findings").size() == 2);

        for (String[] projection : new String[][]{{"ideas", "idea_view", "idea_id"},
                {"experiments", "experiment_view", "experiment_id"}, {"experiments", "learning_view", "learning_id"}}) {
            List<String> live = dump(projection[1], projection[2]);
            assertThat(live).isNotEmpty();
            Api.as("root", null, "admin").post("/admin/projections/{name}/rebuild", projection[0])
                    .then().statusCode(200).body("projection", equalTo(projection[0]));
            assertThat(dump(projection[1], projection[2])).as(projection[1]).containsExactlyElementsOf(live);
        }
        Api.as("root", null, "admin").post("/admin/projections/unknown/rebuild").then().statusCode(404);
    }

    private List<String> dump(String table, String key) throws Exception {
        List<String> rows = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("select * from " + table + " order by " + key)) {
            ResultSetMetaData meta = rs.getMetaData();
            while (rs.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    row.append(meta.getColumnName(i)).append('=').append(rs.getString(i)).append(';');
                }
                rows.add(row.toString());
            }
        }
        return rows;
    }
}
