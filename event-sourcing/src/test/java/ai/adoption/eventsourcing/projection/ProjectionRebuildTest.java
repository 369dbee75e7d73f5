package ai.adoption.eventsourcing.projection;

import ai.adoption.eventsourcing.testapp.TestApp;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/** A projection rebuilt from the event store equals the live one, row for row, on the test application. */
@QuarkusTest
class ProjectionRebuildTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void rebuiltReadModelsEqualTheLiveOnes() throws Exception {
        // a varied history: written, revised (twice), archived, archived after a revision
        TestApp.writeNote("p1");
        String revised = TestApp.writeNote("p2");
        revise("p2", revised, "second title");
        revise("p2", revised, "third title");
        String archived = TestApp.writeNote("p3");
        TestApp.employee("p3").body(Map.of("reason", "duplicate")).post("/notes/{id}/archive", archived).then().statusCode(200);
        String both = TestApp.writeNote("p4");
        revise("p4", both, "before archiving");
        TestApp.employee("p4").body(Map.of()).post("/notes/{id}/archive", both).then().statusCode(200);
        // an archived note refuses a revision: 409, and nothing changes
        TestApp.employee("p4").body(Map.of("title", "late", "text", "t")).put("/notes/{id}", both).then().statusCode(409);

        for (String[] projection : new String[][]{{"notes", "note_view", "note_id"},
                {"note-revisions", "note_revision_view", "event_id"}}) {
            List<String> live = dump(projection[1], projection[2]);
            assertThat(live).isNotEmpty();
            TestApp.admin().post("/admin/projections/{name}/rebuild", projection[0])
                    .then().statusCode(200).body("projection", equalTo(projection[0]));
            assertThat(dump(projection[1], projection[2])).as(projection[1]).containsExactlyElementsOf(live);
        }
        TestApp.admin().post("/admin/projections/unknown/rebuild").then().statusCode(404);
    }

    /**
     * Issue #4, item 8: rebuilds race with commands. Every command either succeeds or gets a 4xx,
     * and the tables afterwards equal a fresh fold of the events.
     */
    @Test
    void aRebuildUnderConcurrentWritesLosesNothing() throws Exception {
        List<String> notes = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            notes.add(TestApp.writeNote("racer-" + i));
        }
        ExecutorService writers = Executors.newFixedThreadPool(4);
        ConcurrentLinkedQueue<Integer> statuses = new ConcurrentLinkedQueue<>();
        AtomicBoolean running = new AtomicBoolean(true);
        List<Future<?>> futures = new ArrayList<>();
        for (int w = 0; w < 4; w++) {
            int writer = w;
            futures.add(writers.submit(() -> {
                // bounded, so that the rebuilds (several rounds of 25-event chunks) catch up with them
                for (int n = 0; n < 40 && running.get(); n++) {
                    String note = notes.get((writer * 5 + n) % notes.size());
                    statuses.add(TestApp.employee("racer").body(Map.of("title", "Revision " + writer + "-" + n, "text", "t"))
                            .put("/notes/{id}", note).then().extract().statusCode());
                    statuses.add(TestApp.employee("racer-new-" + writer).body(Map.of("title", "New " + writer + "-" + n, "text", "t"))
                            .post("/notes").then().extract().statusCode());
                }
            }));
        }
        try {
            for (int round = 0; round < 5; round++) {
                TestApp.admin().post("/admin/projections/{name}/rebuild", "notes").then().statusCode(200);
            }
        } finally {
            running.set(false);
            for (Future<?> future : futures) {
                future.get(60, TimeUnit.SECONDS);
            }
            writers.shutdown();
        }
        assertThat(statuses).isNotEmpty().allMatch(status -> status == 200 || status == 201 || status == 409);
        List<String> live = dump("note_view", "note_id");
        TestApp.admin().post("/admin/projections/{name}/rebuild", "notes").then().statusCode(200);
        assertThat(dump("note_view", "note_id")).containsExactlyElementsOf(live);
        // and each row reflects every event of its note: nothing a racing command committed was lost
        try (java.sql.Connection c = dataSource.getConnection(); java.sql.Statement st = c.createStatement();
             java.sql.ResultSet rs = st.executeQuery("select count(*) from es_event e where stream_type = 'note'"
                     + " and stream_version = (select max(stream_version) from es_event m where m.stream_type = 'note' and m.stream_id = e.stream_id)"
                     + " and not exists (select 1 from note_view v where v.note_id = e.stream_id::uuid and v.version = e.stream_version"
                     + " and v.revisions = (select count(*) from es_event r where r.stream_type = 'note' and r.stream_id = e.stream_id"
                     + " and r.event_type = 'note.revised'))")) {
            rs.next();
            assertThat(rs.getLong(1)).as("notes whose row misses an event").isZero();
        }
    }

    private static void revise(String author, String id, String title) {
        TestApp.employee(author).body(Map.of("title", title, "text", "revised")).put("/notes/{id}", id).then().statusCode(200);
    }

    private List<String> dump(String table, String key) throws Exception {
        return TestApp.dump(dataSource, table, key);
    }
}
