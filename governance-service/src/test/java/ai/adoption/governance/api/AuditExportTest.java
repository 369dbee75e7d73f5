package ai.adoption.governance.api;

import ai.adoption.governance.Api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.util.UUID;

import static ai.adoption.governance.Api.compliance;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The audit export streams 100,000 events, as CSV and as JSON: the response is chunked (no
 * Content-Length: nothing was built in memory first), the export reads the store page by page (one
 * page of 1,000 events in memory at a time: 100 pages), and every event arrives once, in order.
 */
@QuarkusTest
class AuditExportTest {

    private static final int EVENTS = 100_000;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void streamsAHundredThousandEventsAsCsvAndAsJsonInBoundedMemory() throws Exception {
        // a day of its own, long ago, so the range holds exactly these events; recorded_at is set explicitly
        String stream = "audit-" + UUID.randomUUID();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("insert into es_event (event_id, stream_type, stream_id, stream_version, event_type, schema_version, payload, "
                    + "actor, correlation_id, causation_id, occurred_at, recorded_at) "
                    + "select gen_random_uuid(), 'audit-test', '" + stream + "', g, 'ai-system.ownership-transferred', 1, "
                    + "jsonb_build_object('transferId', gen_random_uuid(), 'toOwner', 'p' || g, 'reason', 'a \"quoted\", comma', "
                    + "'effectiveFrom', '2001-02-03'), 'cora', 'corr', 'cause', timestamptz '2001-02-03 00:00:00+00' + g * interval '1 ms', "
                    + "timestamptz '2001-02-03 00:00:00+00' + g * interval '1 ms' from generate_series(1, " + EVENTS + ") g");
        }
        awaitStamped(stream);
        double pagesBefore = pages();
        Response csv = compliance().accept("text/csv").queryParam("from", "2001-02-03").queryParam("to", "2001-02-03")
                .get("/audit").then().extract().response();
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.header("Content-Length")).isNull();
        assertThat(csv.contentType()).startsWith("text/csv");
        long lines = 0;
        String second = null;
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(csv.asInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (lines == 1) {
                    second = line;
                }
                lines++;
            }
        }
        assertThat(lines).isEqualTo(EVENTS + 1);
        assertThat(second).contains("ai-system.ownership-transferred", "cora", "2001-02-03", "\"\"toOwner\"\": \"\"p1\"\"");
        assertThat(pages() - pagesBefore).isGreaterThanOrEqualTo(EVENTS / 1000.0);

        Response json = compliance().accept("application/json").queryParam("from", "2001-02-03T00:00:00Z")
                .queryParam("to", "2001-02-04T00:00:00Z").get("/audit").then().extract().response();
        assertThat(json.statusCode()).isEqualTo(200);
        assertThat(json.header("Content-Length")).isNull();
        long entries = 0;
        long lastPosition = -1;
        try (InputStream in = json.asInputStream(); JsonParser parser = JsonMapper.builder().build().createParser(in)) {
            assertThat(parser.nextToken()).isEqualTo(JsonToken.START_ARRAY);
            while (parser.nextToken() == JsonToken.START_OBJECT) {
                com.fasterxml.jackson.databind.JsonNode entry = parser.readValueAsTree();
                assertThat(entry.get("position").asLong()).isGreaterThan(lastPosition);
                lastPosition = entry.get("position").asLong();
                if (entries == 0) {
                    assertThat(entry.get("effectiveDate").asText()).isEqualTo("2001-02-03");
                    assertThat(entry.get("payload").get("toOwner").asText()).isEqualTo("p1");
                    assertThat(entry.get("actor").asText()).isEqualTo("cora");
                }
                entries++;
            }
        }
        assertThat(entries).isEqualTo(EVENTS);
    }

    /** The export answers as known at the stamped watermark: wait until the stamper has stamped these events. */
    private void awaitStamped(String stream) throws Exception {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(120);
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            while (System.nanoTime() < deadline) {
                try (java.sql.ResultSet rs = s.executeQuery("select count(*) from gov_knowledge k join es_event e "
                        + "on e.global_position = k.global_position where e.stream_id = '" + stream + "'")) {
                    rs.next();
                    if (rs.getLong(1) == EVENTS) {
                        return;
                    }
                }
                Thread.sleep(50);
            }
        }
        throw new AssertionError("the events were not stamped");
    }

    @Test
    void onlyComplianceOfficersAndAdminsExportAndTheRangeIsChecked() {
        Api.approver("finance").queryParam("from", "2026-01-01").queryParam("to", "2026-01-02").get("/audit").then().statusCode(403);
        Api.anonymous().queryParam("from", "2026-01-01").queryParam("to", "2026-01-02").get("/audit").then().statusCode(401);
        compliance().queryParam("from", "yesterday").queryParam("to", "2026-01-02").get("/audit").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", org.hamcrest.Matchers.equalTo("from"));
        compliance().queryParam("from", "2026-01-03").queryParam("to", "2026-01-02").get("/audit").then().statusCode(400);
        Api.admin().queryParam("from", "2026-01-01").queryParam("to", "2026-01-01").get("/audit").then().statusCode(200);
    }

    /** The counter's value: the sample's second field, not its last (an OpenMetrics exemplar may follow it). */
    private static double pages() {
        String metrics = RestAssured.get("/q/metrics").asString();
        java.util.regex.Matcher m = PAGES.matcher(metrics);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    private static final java.util.regex.Pattern PAGES = java.util.regex.Pattern.compile(
            "^governance_audit_pages_total(?:\\{[^}]*})? (\\S+)", java.util.regex.Pattern.MULTILINE);
}
