package ai.adoption.governance.messaging;

import ai.adoption.governance.Api;
import ai.adoption.testinfra.Jdbc;
import ai.adoption.governance.Experiments;
import ai.adoption.governance.TestInfrastructure;
import ai.adoption.testinfra.KafkaResource;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static ai.adoption.governance.Api.admin;
import static ai.adoption.governance.Api.compliance;
import static ai.adoption.governance.Api.person;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/** The register fed from experiments-service's topics, and the findings raised on ideas, on a real broker. */
@QuarkusTest
class ExperimentEventsConsumptionTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void experimentStartedRegistersAPilotAndADuplicateAddsNothing() throws Exception {
        String dept = Api.unique("procurement");
        admin().body(Map.of("name", "Procurement", "director", person("dir-" + dept, "Dana Director"),
                "effectiveFrom", "2025-01-01")).put("/departments/" + dept).then().statusCode(201);
        UUID experiment = UUID.randomUUID();
        Experiments.Sent sent = Experiments.experiment(experiment, 1, "experiment.started",
                Experiments.started(experiment, dept, "ChatGPT Enterprise", "CONFIDENTIAL"));
        UUID system = Experiments.systemIdOf(experiment);
        await().atMost(30, TimeUnit.SECONDS).until(() -> compliance().get("/ai-systems/" + system).statusCode() == 200);
        compliance().queryParam("asOf", "2026-04-01").get("/ai-systems/" + system).then().statusCode(200)
                .body("origin", equalTo("EXPERIMENT")).body("lifecycle", equalTo("PILOT"))
                .body("tool", equalTo("ChatGPT Enterprise")).body("scope", equalTo("Procurement, contracts under 50k EUR"))
                .body("dataClassification", equalTo("CONFIDENTIAL")).body("lead.id", equalTo("lena-" + dept))
                .body("registeredOn", equalTo("2026-03-02"))
                .body("accountable.department", equalTo(dept)).body("accountable.owner.id", equalTo("dir-" + dept))
                .body("accountable.owner.displayName", equalTo("Dana Director"))
                .body("experimentId", equalTo(experiment.toString()));

        // the same record again (a redelivery), and the same experiment under another event id: nothing more
        Experiments.sendRecord(sent.record());
        Experiments.experiment(experiment, 1, "experiment.started", Experiments.started(experiment, dept, "ChatGPT Enterprise",
                "CONFIDENTIAL"));
        // then SCALE: a marker that both earlier records were processed before it
        Experiments.experiment(experiment, 2, "experiment.concluded", Experiments.concluded(experiment, dept, "SCALE"));
        await().atMost(30, TimeUnit.SECONDS).until(() -> "SCALING".equals(compliance().get("/ai-systems/" + system).path("lifecycle")));
        assertThat(Jdbc.count(dataSource, "select count(*) from es_event where stream_id = ? and event_type = 'ai-system.registered'",
                system.toString())).isEqualTo(1);
        assertThat(Jdbc.count(dataSource, "select count(*) from es_event where stream_id = ?", system.toString())).isEqualTo(2);
        assertThat(Jdbc.count(dataSource, "select count(*) from es_processed_event where event_id = ?", sent.eventId())).isEqualTo(1);

        // the registration is published on this run's governance.ai-system topic
        assertThat(published(TestInfrastructure.topic("ai-system"), system.toString()))
                .contains("ai.adoption.ai-system.registered.v1", "ai.adoption.ai-system.lifecycle-changed.v1");
    }

    @Test
    void stopOrAbandonmentRetiresThePilot() {
        String dept = Api.unique("ops");
        UUID stopped = UUID.randomUUID();
        UUID abandoned = UUID.randomUUID();
        Experiments.experiment(stopped, 1, "experiment.started", Experiments.started(stopped, dept, "Copilot", "INTERNAL"));
        Experiments.experiment(abandoned, 1, "experiment.started", Experiments.started(abandoned, dept, "Copilot", "INTERNAL"));
        Experiments.experiment(stopped, 2, "experiment.concluded", Experiments.concluded(stopped, dept, "STOP"));
        Map<String, Object> gone = new java.util.LinkedHashMap<>(Map.of("experimentId", abandoned.toString(), "ideaId",
                UUID.randomUUID().toString(), "department", dept, "title", "t", "tool", "Copilot", "reason", "vendor left", "abandonedBy", "f"));
        Experiments.experiment(abandoned, 2, "experiment.abandoned", gone);
        for (UUID experiment : List.of(stopped, abandoned)) {
            await().atMost(30, TimeUnit.SECONDS).until(() -> "RETIRED".equals(
                    compliance().get("/ai-systems/" + Experiments.systemIdOf(experiment)).path("lifecycle")));
        }
    }

    @Test
    void anIdeaWithAnUnapprovedToolOrATooSensitiveDataClassGetsAFindingOnce() throws Exception {
        String dept = Api.unique("marketing");
        String approvedTool = Api.unique("Jasper");
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        admin().body(Map.of("tool", approvedTool, "vendor", "Jasper AI", "allowedDataClasses", List.of("PUBLIC"),
                "validFrom", today.minusDays(30).toString())).post("/approved-tools").then().statusCode(200);

        UUID unapproved = UUID.randomUUID();
        Experiments.Sent first = Experiments.submitted(unapproved, dept, Api.unique("ShadowGPT"), "INTERNAL");
        UUID tooSensitive = UUID.randomUUID();
        Experiments.submitted(tooSensitive, dept, approvedTool.toUpperCase(), "PERSONAL");
        UUID fine = UUID.randomUUID();
        Experiments.submitted(fine, dept, " " + approvedTool + " ", "PUBLIC");
        Experiments.sendRecord(first.record()); // a redelivery

        await().atMost(30, TimeUnit.SECONDS).until(() -> compliance().queryParam("department", dept).get("/findings")
                .jsonPath().getList("findings").size() == 2);
        compliance().queryParam("ideaId", unapproved.toString()).get("/findings").then().statusCode(200)
                .body("findings.size()", equalTo(1)).body("findings[0].kind", equalTo("TOOL_NOT_APPROVED"));
        compliance().queryParam("ideaId", tooSensitive.toString()).get("/findings").then().statusCode(200)
                .body("findings[0].kind", equalTo("DATA_CLASS_NOT_ALLOWED")).body("findings[0].allowedDataClasses", equalTo(List.of("PUBLIC")));
        Thread.sleep(1000);
        compliance().queryParam("ideaId", fine.toString()).get("/findings").then().body("findings.size()", equalTo(0)).body("count", equalTo(0));
        // approvers see their own department's findings only
        Api.approver(dept).get("/findings").then().statusCode(200).body("findings.size()", equalTo(2));
        Api.approver("elsewhere").queryParam("department", dept).get("/findings").then().statusCode(403);
        UUID findingId = UUID.nameUUIDFromBytes(("finding:" + first.eventId()).getBytes(StandardCharsets.UTF_8));
        assertThat(published(TestInfrastructure.topic("finding"), findingId.toString())).containsExactly("ai.adoption.finding.raised.v1");
    }

    @Test
    void aRevisionIsCheckedAgainstTheListAndResolvesTheFindingsItsCauseNoLongerHas() throws Exception {
        String dept = Api.unique("marketing");
        String approvedTool = Api.unique("Jasper");
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        admin().body(Map.of("tool", approvedTool, "vendor", "Jasper AI", "allowedDataClasses", List.of("PUBLIC"),
                "validFrom", today.minusDays(30).toString())).post("/approved-tools").then().statusCode(200);

        // revised past the list: a finding, though the submission kept to it
        UUID revisedAway = UUID.randomUUID();
        Experiments.submitted(revisedAway, dept, approvedTool, "PUBLIC");
        Experiments.revised(revisedAway, 2, Api.unique("ShadowGPT"), "PUBLIC");
        await().atMost(30, TimeUnit.SECONDS).until(() -> findings(revisedAway).size() == 1);
        assertThat(findings(revisedAway).get(0)).containsEntry("kind", "TOOL_NOT_APPROVED").containsEntry("resolvedAt", null);

        // revised back to what the list allows: the finding is resolved by an event, and no new one is raised
        Experiments.revised(revisedAway, 3, approvedTool, "PUBLIC");
        await().atMost(30, TimeUnit.SECONDS).until(() -> findings(revisedAway).get(0).get("resolvedAt") != null);
        Thread.sleep(500);
        assertThat(findings(revisedAway)).hasSize(1);
        String findingId = (String) findings(revisedAway).get(0).get("findingId");
        assertThat(published(TestInfrastructure.topic("finding"), findingId))
                .containsExactly("ai.adoption.finding.raised.v1", "ai.adoption.finding.resolved.v1");
    }

    @Test
    void approvingTheToolResolvesTheOpenFindingsOfIdeasThatNowKeepToTheList() throws Exception {
        String dept = Api.unique("marketing");
        String tool = Api.unique("Claude");
        // more open findings than one batch (governance.findings.resolve-batch is 2 in tests): all are checked
        List<UUID> internal = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            UUID idea = UUID.randomUUID();
            internal.add(idea);
            Experiments.submitted(idea, dept, i % 2 == 0 ? tool : " " + tool.toLowerCase() + " ", "INTERNAL");
        }
        UUID personal = UUID.randomUUID();
        Experiments.submitted(personal, dept, tool, "PERSONAL");
        await().atMost(30, TimeUnit.SECONDS).until(() -> findings(personal).size() == 1
                && internal.stream().allMatch(idea -> findings(idea).size() == 1));

        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        admin().body(Map.of("tool", tool, "vendor", "Anthropic", "allowedDataClasses", List.of("PUBLIC", "INTERNAL"),
                "validFrom", today.toString())).post("/approved-tools").then().statusCode(200);
        // by the approval's answer, every idea that now keeps to the list has its finding resolved
        for (UUID idea : internal) {
            assertThat(findings(idea).get(0).get("resolvedAt")).as("finding of %s", idea).isNotNull();
            assertThat((String) findings(idea).get(0).get("resolution")).contains("approved");
        }
        // PERSONAL data is still not allowed: that finding stays open
        assertThat(findings(personal).get(0).get("resolvedAt")).isNull();
        String findingId = (String) findings(internal.get(4)).get(0).get("findingId");
        await().atMost(30, TimeUnit.SECONDS).until(() -> published(TestInfrastructure.topic("finding"), findingId).size() == 2);
    }

    private static List<Map<String, Object>> findings(UUID ideaId) {
        return compliance().queryParam("ideaId", ideaId.toString()).get("/findings").then().statusCode(200).extract().jsonPath()
                .getList("findings");
    }

    @Test
    void anUnreadableRecordGoesToTheDeadLetterTopicAndTheNextIsHandled() throws Exception {
        String key = UUID.randomUUID().toString();
        Experiments.sendRaw(TestInfrastructure.EXPERIMENT_TOPIC, key, "not a cloud event".getBytes(StandardCharsets.UTF_8));
        UUID experiment = UUID.randomUUID();
        Experiments.experiment(experiment, 1, "experiment.started", Experiments.started(experiment, Api.unique("it"), "Copilot", "PUBLIC"));
        await().atMost(30, TimeUnit.SECONDS).until(() -> compliance().get("/ai-systems/" + Experiments.systemIdOf(experiment)).statusCode() == 200);
        await().atMost(30, TimeUnit.SECONDS).until(() -> !keys(TestInfrastructure.EXPERIMENT_DLT, key).isEmpty());
    }

    private static List<String> published(String topic, String key) {
        List<String> types = new ArrayList<>();
        await().atMost(30, TimeUnit.SECONDS).until(() -> {
            types.clear();
            for (ConsumerRecord<String, byte[]> r : keys(topic, key)) {
                types.add(new String(r.headers().lastHeader("ce_type").value(), StandardCharsets.UTF_8));
            }
            return !types.isEmpty();
        });
        return types;
    }

    private static List<ConsumerRecord<String, byte[]>> keys(String topic, String key) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaResource.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "check-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
            long end = System.currentTimeMillis() + 5000;
            while (System.currentTimeMillis() < end) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    if (key.equals(r.key())) {
                        found.add(r);
                    }
                }
                if (!found.isEmpty() && consumer.assignment().stream().allMatch(p -> consumer.position(p) >= consumer.endOffsets(List.of(p)).get(p))) {
                    break;
                }
            }
            return found;
        }
    }
}
