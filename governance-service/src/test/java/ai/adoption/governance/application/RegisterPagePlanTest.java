package ai.adoption.governance.application;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A page of the register is an index walk from the cursor's key, not a sort of the whole register (issue 13 §6, V111):
 * with 20,000 systems and findings seeded in a transaction that is rolled back, the plan of every page statement, as
 * custom and as generic plan of its prepared statement, reads gov_system / gov_finding through the paging index (one
 * idea's few findings may be a bitmap scan of the idea index and a sort of those) and never by a sequential scan.
 */
@QuarkusTest
class RegisterPagePlanTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int SEEDED = 20_000;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void everyPageStatementWalksItsIndex() throws Exception {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                seed(s);
                for (boolean department : new boolean[] {false, true}) {
                    String sql = RegisterQueries.livePageSql(department);
                    String types = "date, timestamptz, text, text, uuid, int";
                    for (String args : List.of("'2026-06-01', '2100-01-01T00:00:00Z', %s, '', '00000000-0000-0000-0000-000000000000', 101",
                            "'2026-06-01', '2100-01-01T00:00:00Z', %s, 'Seed 010000', '00000000-0000-0000-0000-000000000000', 101")) {
                        String bound = args.formatted(department ? "'seed-7'" : "null");
                        for (String mode : List.of("force_custom_plan", "force_generic_plan")) {
                            JsonNode plan = explain(s, "register_page", sql, types, bound, mode);
                            assertThat(scans(plan, "gov_system")).as(mode + " " + bound + ": " + plan).containsOnly("gov_system_name_order");
                        }
                    }
                }
                String types = "timestamptz, uuid, text, timestamptz, uuid, int";
                String middle = "'2100-01-01T00:00:00Z', %s, %s, '2000-01-01T00:00:00.010000Z', 'ffffffff-ffff-ffff-ffff-ffffffffffff', 101";
                for (String[] statement : new String[][] {
                        {FindingQueries.ALL, middle.formatted("null", "null"), "gov_finding_order"},
                        {FindingQueries.BY_DEPARTMENT, middle.formatted("null", "'seed-7'"), "gov_finding_department"},
                        {FindingQueries.BY_IDEA, middle.formatted("'00000000-0000-0000-0000-000000000007'", "null"), "gov_finding_idea"}}) {
                    for (String mode : List.of("force_custom_plan", "force_generic_plan")) {
                        JsonNode plan = explain(s, "finding_page", statement[0], types, statement[1], mode);
                        assertThat(scans(plan, "gov_finding")).as(mode + " " + statement[1] + ": " + plan).containsOnly(statement[2]);
                    }
                }
            } finally {
                c.rollback();
            }
        }
    }

    /** Systems with a registration known long ago, in 50 departments; findings of 50 departments, 400 ideas. */
    private static void seed(Statement s) throws Exception {
        s.execute("insert into gov_system (system_id, name, tool, data_class, origin, registered_on, registered_at, initial_lifecycle, "
                + "version, updated_at) select cast(md5('s' || g) as uuid), 'Seed ' || lpad(g::text, 6, '0'), 'Tool', 'INTERNAL', "
                + "'MANUAL', date '2026-01-01', now(), 'PILOT', 1, now() from generate_series(1, " + SEEDED + ") g");
        s.execute("insert into gov_ownership (assertion_id, system_id, transfer_id, kind, effective_from, recorded_at, department, "
                + "owner, transfer_seq) select cast(md5('a' || g) as uuid), cast(md5('s' || g) as uuid), cast(md5('t' || g) as uuid), "
                + "'REGISTRATION', date '2026-01-01', now(), 'seed-' || (g % 50), 'owner', 1 from generate_series(1, " + SEEDED + ") g");
        s.execute("insert into gov_finding (finding_id, idea_id, department, tool, data_class, kind, allowed, message, raised_at, "
                + "event_id) select cast(md5('f' || g) as uuid), cast(lpad(to_hex(g % 400), 32, '0') as uuid), 'seed-' || (g % 50), "
                + "'Tool', 'INTERNAL', 'TOOL_NOT_APPROVED', '[]', 'm', timestamptz '2000-01-01T00:00:00Z' + g * interval '1 microsecond', "
                + "cast(md5('e' || g) as uuid) from generate_series(1, " + SEEDED + ") g");
        s.execute("insert into gov_knowledge (global_position, event_id, known_at) select -g, cast(md5('a' || g) as uuid), "
                + "timestamptz '1990-01-01T00:00:00Z' + g * interval '1 microsecond' from generate_series(1, " + SEEDED + ") g");
        s.execute("insert into gov_knowledge (global_position, event_id, known_at) select -g - " + SEEDED + ", cast(md5('e' || g) as uuid), "
                + "timestamptz '1991-01-01T00:00:00Z' + g * interval '1 microsecond' from generate_series(1, " + SEEDED + ") g");
        s.execute("analyze gov_system, gov_ownership, gov_knowledge, gov_finding, gov_lifecycle, gov_classification, gov_obligations");
    }

    private static JsonNode explain(Statement s, String name, String sql, String types, String args, String mode) throws Exception {
        s.execute("deallocate all");
        s.execute("set local plan_cache_mode = " + mode);
        s.execute("prepare " + name + " (" + types + ") as " + sql.replaceAll("\\?(\\d)", "\\$$1"));
        try (ResultSet r = s.executeQuery("explain (format json) execute " + name + " (" + args + ")")) {
            r.next();
            return JSON.readTree(r.getString(1)).get(0).get("Plan");
        }
    }

    /** How each scan of the relation reads it: the index name, or the node type when it is no index scan. */
    private static List<String> scans(JsonNode plan, String relation) {
        List<String> found = new ArrayList<>();
        collect(plan, relation, found);
        return found;
    }

    private static void collect(JsonNode node, String relation, List<String> found) {
        if (relation.equals(node.path("Relation Name").asText())) {
            JsonNode bitmap = node.path("Plans").path(0);
            found.add(node.has("Index Name") ? node.get("Index Name").asText()
                    // one idea's few findings: a bitmap scan of its index, then a sort of those rows, is as good
                    : "Bitmap Heap Scan".equals(node.path("Node Type").asText()) && bitmap.has("Index Name") ? bitmap.get("Index Name").asText()
                    : node.path("Node Type").asText());
        }
        for (JsonNode child : node.path("Plans")) {
            collect(child, relation, found);
        }
    }
}
