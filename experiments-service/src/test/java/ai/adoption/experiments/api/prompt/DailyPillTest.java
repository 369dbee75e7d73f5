package ai.adoption.experiments.api.prompt;

import ai.adoption.contracts.Vocabulary.DataClassification;
import ai.adoption.experiments.Api;
import ai.adoption.experiments.GovernanceTools;
import ai.adoption.experiments.application.prompt.PillService;
import ai.adoption.experiments.application.prompt.PromptViews.PillView;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;

import static ai.adoption.experiments.api.prompt.Prompts.approvedEntry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

/**
 * The daily pill on real PostgreSQL: one entry a day per department, the same for everyone and for every call that day
 * (stored once), repeating none within the 30-day window while others are left; the catalogue here has fewer servable
 * entries than the window, so after each has been served once the rotation repeats them in the same order. It also
 * suggests a curated feature of a tool on the approved-tools list.
 */
@QuarkusTest
class DailyPillTest {

    @Inject
    PillService pill;

    @Test
    void theSameForEveryoneAllDayWithAFeatureOfAnApprovedTool() throws Exception {
        String department = Prompts.department();
        String tool = Prompts.tool();
        Prompts.approveTool(tool, DataClassification.INTERNAL);
        approvedEntry(department, tool);
        GovernanceTools.approve("Claude", LocalDate.now().minusDays(1), null, DataClassification.INTERNAL);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                Api.employee("p1", department).get("/prompts/today").then().statusCode(200).body("feature.tool", equalTo("Claude")));
        String first = Api.employee("p1", department).get("/prompts/today").then().statusCode(200)
                .body("department", equalTo(department)).body("day", equalTo(LocalDate.now().toString()))
                .body("entry.id", notNullValue()).body("feature.feature", notNullValue()).extract().path("entry.id");
        for (String person : List.of("p2", "p3")) {
            Api.employee(person, department).get("/prompts/today").then().body("entry.id", equalTo(first));
        }
        Api.employee("visitor", "elsewhere").get("/prompts/today?department={d}", department).then().body("entry.id", equalTo(first));
    }

    @Test
    void rotatesWithoutRepeatsWithinTheWindowAndCyclesWhenTheCatalogueIsSmallerThanIt() throws Throwable {
        String department = Prompts.department();
        String tool = Prompts.tool();
        Prompts.approveTool(tool, DataClassification.INTERNAL);
        for (int i = 0; i < 3; i++) {
            approvedEntry(department, tool);
        }
        LocalDate start = LocalDate.now().plusYears(1);
        PillView day0 = today(department, start);
        int servable = day0.servableEntries();
        assertThat(servable).isBetween(3, 29);
        List<UUID> picks = new ArrayList<>();
        for (int d = 0; d < servable + 2; d++) {
            PillView view = today(department, start.plusDays(d));
            assertThat(today(department, start.plusDays(d)).entry().id()).as("stored once: the same all day").isEqualTo(view.entry().id());
            assertThat(view.repeatWithinWindow()).isEqualTo(d >= servable);
            picks.add(view.entry().id());
        }
        assertThat(new HashSet<>(picks.subList(0, servable))).as("no repeat within the window").hasSize(servable);
        assertThat(picks.subList(servable, servable + 2)).as("then the same cycle again").isEqualTo(picks.subList(0, 2));
    }

    private PillView today(String department, LocalDate day) throws Throwable {
        return VertxContextSupport.subscribeAndAwait(() -> pill.today(department, day));
    }
}
