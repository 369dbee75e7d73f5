package ai.adoption.governance.api;

import ai.adoption.governance.Api;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.UUID;

import static ai.adoption.governance.Api.compliance;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 13 §6: the CSV audit export defuses every formula prefix a spreadsheet acts on (=, +, -, @,
 * tab, carriage return), and the same range exported twice gives the same bytes.
 */
@QuarkusTest
class AuditCsvTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void formulaPrefixesIncludingTabAndCarriageReturnAreDefusedAndARepeatGivesTheSameBytes() throws Exception {
        // a day of its own, far back and unique to this run, so the range holds exactly these events
        LocalDate day = LocalDate.of(1990, 1, 1).plusDays(Math.floorMod(UUID.randomUUID().getLeastSignificantBits(), 3000L));
        String[] actors = {"\t=cmd|' /C calc'!A0", "\r=1+1", "=SUM(A1)", "+1", "-1", "@SUM(A1)", "plain"};
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "insert into es_event (event_id, stream_type, stream_id, stream_version, event_type, schema_version, payload, actor, "
                        + "correlation_id, causation_id, occurred_at, recorded_at) values (gen_random_uuid(), 'audit-csv-test', ?, ?, "
                        + "'ai-system.lifecycle-changed', 1, '{}'::jsonb, ?, 'corr', 'cause', ?::timestamptz, ?::timestamptz)")) {
            String stream = "csv-" + UUID.randomUUID();
            for (int i = 0; i < actors.length; i++) {
                String at = day + "T00:00:0" + i + "Z";
                s.setString(1, stream);
                s.setInt(2, i + 1);
                s.setString(3, actors[i]);
                s.setString(4, at);
                s.setString(5, at);
                s.executeUpdate();
            }
        }
        // rows written past the command path get their knowledge time from the stamper a moment later; an export
        // "as known now" shows them from then on
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(new String(export(day), StandardCharsets.UTF_8)).contains(",plain,"));
        byte[] first = export(day);
        byte[] again = export(day);
        assertThat(again).isEqualTo(first);
        String csv = new String(first, java.nio.charset.StandardCharsets.UTF_8);
        assertThat(csv).contains(",'\t=cmd|' /C calc'!A0,", ",\"'\r=1+1\",", ",'=SUM(A1),", ",'+1,", ",'-1,", ",'@SUM(A1),", ",plain,");
        assertThat(csv).doesNotContain(",\t=", ",\"\r=", ",=SUM", ",+1,", ",-1,", ",@SUM");
    }

    @Test
    void anExportOfARecentRangeRepeatedAtItsKnowledgePointGivesTheSameBytes() {
        LocalDate today = LocalDate.now(java.time.ZoneOffset.UTC);
        String department = Api.unique("finance");
        Api.register(department, Api.unique("dora"), "Copilot", "INTERNAL", today);
        io.restassured.response.Response first = compliance().accept("text/csv").queryParam("from", today.toString())
                .queryParam("to", today.toString()).get("/audit");
        assertThat(first.statusCode()).isEqualTo(200);
        String knownAt = first.header("Known-At");
        // written into the same range after the first export
        String later = Api.unique("later-owner");
        Api.register(department, later, "Copilot", "INTERNAL", today);
        byte[] again = compliance().accept("text/csv").queryParam("from", today.toString()).queryParam("to", today.toString())
                .queryParam("knownAt", knownAt).get("/audit").then().statusCode(200).header("Known-At", knownAt).extract().asByteArray();
        assertThat(again).isEqualTo(first.asByteArray());
        assertThat(new String(again, java.nio.charset.StandardCharsets.UTF_8)).doesNotContain(later);
        // asked without a knowledge point, the export is as known now, and holds the later registration
        assertThat(compliance().accept("text/csv").queryParam("from", today.toString()).queryParam("to", today.toString())
                .get("/audit").asString()).contains(later);
    }

    private static byte[] export(LocalDate day) {
        return compliance().accept("text/csv").queryParam("from", day.toString()).queryParam("to", day.toString()).get("/audit")
                .then().statusCode(200).extract().asByteArray();
    }
}
