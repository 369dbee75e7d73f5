package ai.adoption.dashboard.messaging;

import ai.adoption.dashboard.Api;
import ai.adoption.dashboard.Events;
import ai.adoption.dashboard.Streams;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A consumed event whose transaction rolls back after its feed item got an id (here: a test trigger
 * fails the item's insert once, and the consumer's retry succeeds) leaves no hole in the feed ids:
 * the id came from the feed head row, whose increment rolled back with it. A sequence would have
 * kept the number and left a gap that a resuming client could not tell from a lost item.
 */
@QuarkusTest
class GapFreeFeedTest {

    @Inject
    AgroalDataSource ds;

    @Test
    void aRolledBackItemLeavesNoHoleInTheIds() throws Exception {
        String marker = "fail-once-" + UUID.randomUUID();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute("create sequence if not exists test_fail_once_seq");
            s.execute("""
                    create or replace function test_fail_once() returns trigger language plpgsql as $$
                    begin
                      -- nextval is not rolled back: only the first attempt fails
                      if new.title = '%s' and nextval('test_fail_once_seq') = 1 then
                        raise exception 'test: this feed insert fails once';
                      end if;
                      return new;
                    end $$""".formatted(marker));
            s.execute("drop trigger if exists test_fail_once on dashboard_feed");
            s.execute("create trigger test_fail_once before insert on dashboard_feed for each row execute function test_fail_once()");
        }
        try {
            String department = Api.department("audit");
            UUID before = UUID.randomUUID();
            UUID failing = UUID.randomUUID();
            UUID after = UUID.randomUUID();
            Streams.publish(before.toString(), Events.submitted(before, department, "before"));
            Streams.publish(failing.toString(), Events.submitted(failing, department, marker));
            Streams.publish(after.toString(), Events.submitted(after, department, "after"));

            JsonPath page = await().atMost(Duration.ofSeconds(60)).until(() -> Api.admin().queryParam("department", department)
                    .get("/dashboard/activity").then().statusCode(200).extract().jsonPath(), p -> p.getList("items").size() == 3);
            assertThat(page.getList("items.title", String.class)).contains(marker);

            JsonPath all = Api.admin().queryParam("limit", 500).get("/dashboard/activity").then().statusCode(200).extract().jsonPath();
            List<Long> ids = all.getList("items.id", Long.class);
            assertThat(ids.get(0)).isEqualTo(all.getLong("oldest"));
            assertThat(ids.get(ids.size() - 1)).isEqualTo(all.getLong("latest"));
            assertThat(ids).hasSize((int) (all.getLong("latest") - all.getLong("oldest") + 1));
        } finally {
            try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
                s.execute("drop trigger if exists test_fail_once on dashboard_feed");
            }
        }
    }
}
