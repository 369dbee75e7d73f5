package ai.adoption.experiments.messaging;

import ai.adoption.contracts.GovernanceEvents;
import ai.adoption.contracts.Vocabulary.FindingKind;
import ai.adoption.eventsourcing.store.RecordedEvent;
import ai.adoption.experiments.Api;
import ai.adoption.testinfra.contracts.ContractEvents;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static ai.adoption.experiments.Api.FINANCE;
import static ai.adoption.experiments.GovernanceFindings.event;
import static ai.adoption.experiments.GovernanceFindings.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * Issue 12 §3: a dead-letter topic is not a dead end. Findings whose append the database refuses
 * (a trigger on es_event, the "cause") land on the finding-events channel's dead-letter topic; an
 * admin lists them with their fields, the cause is fixed (the trigger dropped), and a replay of one,
 * of a range, and of all of them applies each event exactly once.
 */
@QuarkusTest
class DeadLetterReplayTest {

    static final String CHANNEL = "finding-events";
    static final String RAISED = "ai.adoption.finding.raised.v1";

    @Inject
    AgroalDataSource dataSource;

    @Test
    void deadLettersAreListedAndReplayedOnceTheCauseIsFixed() throws Exception {
        String marker = "refused-" + UUID.randomUUID();
        String trigger = "refuse_" + marker.substring(8).replace('-', '_');
        String[] ideas = {Api.submitIdea("dl-1", FINANCE), Api.submitIdea("dl-2", FINANCE), Api.submitIdea("dl-3", FINANCE)};
        // one key: the three are on one partition of the source and of the dead-letter topic, in this order
        UUID key = UUID.randomUUID();
        @SuppressWarnings("unchecked")
        RecordedEvent<String>[] events = new RecordedEvent[3];
        for (int i = 0; i < 3; i++) {
            events[i] = event(key, i + 1, "finding.raised", raised(UUID.randomUUID(), ideas[i], marker));
        }
        refuse(dataSource, trigger, marker, "P0001");
        try {
            send(events);
            await().atMost(90, TimeUnit.SECONDS).until(() -> mine(listAll(), events).size() == 3);
        } finally {
            drop(dataSource, trigger);
        }

        List<Map<String, Object>> listed = mine(listAll(), events);
        for (int i = 0; i < 3; i++) {
            Map<String, Object> record = listed.get(i);
            assertThat(record.get("ceId")).isEqualTo(events[i].eventId().toString());
            assertThat(record.get("ceType")).isEqualTo(RAISED);
            assertThat(record.get("key")).isEqualTo(key.toString());
            assertThat((String) record.get("reason")).contains(events[i].eventId().toString()).contains("after 3 attempts");
            assertThat((String) record.get("cause")).isNotBlank();
            assertThat(record.get("timestamp")).isNotNull();
            assertThat((String) record.get("position")).isEqualTo(record.get("partition") + ":" + record.get("offset"));
            assertThat(record.get("processed")).isEqualTo(false);
            assertThat(findings(ideas[i])).isZero();
        }
        String first = (String) listed.get(0).get("position");
        String second = (String) listed.get(1).get("position");
        String third = (String) listed.get(2).get("position");

        // one record: applied once
        JsonPath one = replay(Map.of("offsets", List.of(first)));
        assertThat(one.getList("replayed.position")).containsExactly(first);
        assertThat(one.getList("replayed.ceId")).containsExactly(events[0].eventId().toString());
        assertThat(one.getList("duplicates")).isEmpty();
        assertThat(one.getList("failed")).isEmpty();
        assertThat(findings(ideas[0])).isEqualTo(1);
        // again: a duplicate, nothing changes
        JsonPath again = replay(Map.of("offsets", List.of(first)));
        assertThat(again.getList("replayed")).isEmpty();
        assertThat(again.getList("duplicates.position")).containsExactly(first);
        assertThat(findings(ideas[0])).isEqualTo(1);

        // a range, inclusive at both ends: the first is a duplicate, the other two are applied
        JsonPath range = replay(Map.of("from", first, "to", third));
        assertThat(range.getList("replayed.position")).containsExactly(second, third);
        assertThat(range.getList("duplicates.position")).containsExactly(first);
        for (String idea : ideas) {
            assertThat(findings(idea)).isEqualTo(1);
        }
        Api.employee("dl-1", FINANCE).get("/ideas/{id}", ideas[1]).then().statusCode(200)
                .body("findings[0].message", equalTo(marker));

        // everything on the topic: all three are duplicates now (other tests' poison may fail again)
        JsonPath all = replay(Map.of());
        assertThat(all.getList("replayed.ceId")).doesNotContain(ids(events));
        assertThat(all.getList("duplicates.ceId")).contains(ids(events));
        for (String idea : ideas) {
            assertThat(findings(idea)).isEqualTo(1);
        }
        // the listing now says that replaying them would change nothing
        assertThat(mine(listAll(), events)).extracting(r -> r.get("processed")).containsExactly(true, true, true);
    }

    @Test
    void anUnknownChannelIs404AndABadSelectionIs400() {
        admin().get("/admin/dead-letters/{channel}", "no-such-channel").then().statusCode(404)
                .contentType("application/problem+json");
        admin().body(Map.of("offsets", List.of("0:1"))).post("/admin/dead-letters/{channel}/replay", "no-such-channel")
                .then().statusCode(404).contentType("application/problem+json");
        admin().body(Map.of("from", "0:9", "to", "0:3")).post("/admin/dead-letters/{channel}/replay", CHANNEL)
                .then().statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("to"));
        admin().body(Map.of("offsets", List.of("zero"))).post("/admin/dead-letters/{channel}/replay", CHANNEL)
                .then().statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("offsets[0]"));
        admin().body(Map.of("offsets", List.of("0:1"), "from", "0:0")).post("/admin/dead-letters/{channel}/replay", CHANNEL)
                .then().statusCode(400).contentType("application/problem+json");
        admin().queryParam("from", "-1:0").get("/admin/dead-letters/{channel}", CHANNEL).then().statusCode(400)
                .contentType("application/problem+json");
        admin().queryParam("limit", 0).get("/admin/dead-letters/{channel}", CHANNEL).then().statusCode(400)
                .contentType("application/problem+json");
        Api.employee("not-admin", FINANCE).get("/admin/dead-letters/{channel}", CHANNEL).then().statusCode(403);
    }

    static String raised(UUID findingId, String ideaId, String message) {
        return ContractEvents.json(new GovernanceEvents.FindingRaisedV1(findingId, UUID.fromString(ideaId), "finance",
                "ChatGPT Free", null, FindingKind.TOOL_NOT_APPROVED, List.of(), message));
    }

    static RequestSpecification admin() {
        return Api.as("dl-admin", null, "admin");
    }

    private static JsonPath replay(Map<String, Object> body) {
        return admin().body(body).post("/admin/dead-letters/{channel}/replay", CHANNEL).then().statusCode(200)
                .body("channel", equalTo(CHANNEL)).extract().jsonPath();
    }

    /** Every record on the channel's dead-letter topic, page by page. */
    private static List<Map<String, Object>> listAll() {
        List<Map<String, Object>> records = new java.util.ArrayList<>();
        String from = "0:0";
        while (from != null) {
            JsonPath page = admin().queryParam("from", from).queryParam("limit", 2)
                    .get("/admin/dead-letters/{channel}", CHANNEL).then().statusCode(200).extract().jsonPath();
            records.addAll(page.getList("records"));
            from = page.getString("next");
        }
        return records;
    }

    private static List<Map<String, Object>> mine(List<Map<String, Object>> records, RecordedEvent<String>[] events) {
        List<String> ids = List.of(ids(events));
        return records.stream().filter(r -> ids.contains(r.get("ceId"))).toList();
    }

    private static String[] ids(RecordedEvent<String>[] events) {
        return java.util.Arrays.stream(events).map(e -> e.eventId().toString()).toArray(String[]::new);
    }

    /** Findings recorded on the idea, counted in its event stream. */
    private long findings(String ideaId) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "select count(*) from es_event where stream_id = ? and event_type like '%finding-recorded%'")) {
            ps.setString(1, ideaId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Makes PostgreSQL refuse every event whose payload contains the marker, with this SQLSTATE. */
    static void refuse(AgroalDataSource dataSource, String trigger, String marker, String sqlState) throws Exception {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            st.execute("create function " + trigger + "() returns trigger language plpgsql as $$ begin "
                    + "if new.payload::text like '%" + marker + "%' then "
                    + "raise exception 'refused by test %', '" + marker + "' using errcode = '" + sqlState + "'; end if; "
                    + "return new; end $$");
            st.execute("create trigger " + trigger + " before insert on es_event for each row execute function " + trigger + "()");
        }
    }

    static void drop(AgroalDataSource dataSource, String trigger) throws Exception {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            st.execute("drop trigger if exists " + trigger + " on es_event");
            st.execute("drop function if exists " + trigger + "()");
        }
    }
}
