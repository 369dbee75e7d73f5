package ai.adoption.dashboard;

import ai.adoption.testinfra.KafkaResource;
import ai.adoption.testinfra.PostgresResource;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Real infrastructure for every {@code @QuarkusTest} of this module, started once per test JVM: an
 * embedded PostgreSQL server (fresh database), a Kafka KRaft broker in a child JVM, and this run's own
 * copies of every catalogue topic the dashboard consumes. The feed keeps only {@link #KEEP} items in
 * tests, so that a resume from before them (a reset) is cheap to reach.
 */
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(TestInfrastructure.UniqueTopics.class)
public final class TestInfrastructure {

    public static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    public static final String PREFIX = "dashboard-test-" + RUN;
    public static final int KEEP = 300;
    public static final int TRIM_EVERY = 20;
    public static final int CLIENT_BUFFER = 100;

    /** channel -> the production topic name, which the test copy is named after. */
    public static final Map<String, String> CHANNELS = Map.of(
            "idea-events", "experiments.idea",
            "experiment-events", "experiments.experiment",
            "case-events", "revisit.case",
            "policy-events", "revisit.policy",
            "ai-system-events", "governance.ai-system",
            "department-events", "governance.department",
            "person-events", "governance.person",
            "tool-events", "governance.tool",
            "finding-events", "governance.finding");

    private TestInfrastructure() {
    }

    /** This run's copy of a production topic, e.g. {@code experiments.idea}. */
    public static String topic(String productionTopic) {
        return PREFIX + "." + productionTopic;
    }

    public static final class UniqueTopics implements QuarkusTestResourceLifecycleManager {
        @Override
        public Map<String, String> start() {
            Map<String, String> config = new LinkedHashMap<>();
            CHANNELS.forEach((channel, topic) -> {
                config.put("mp.messaging.incoming." + channel + ".topic", topic(topic));
                config.put("mp.messaging.incoming." + channel + ".group.id", PREFIX);
                config.put("mp.messaging.incoming." + channel + ".dead-letter-queue.topic", PREFIX + "." + channel + ".dlt");
            });
            config.put("eventsourcing.consumer.initial-backoff", "100ms");
            config.put("eventsourcing.consumer.max-backoff", "1s");
            config.put("dashboard.feed.keep", Integer.toString(KEEP));
            config.put("dashboard.feed.trim-every", Integer.toString(TRIM_EVERY));
            config.put("dashboard.stream.client-buffer", Integer.toString(CLIENT_BUFFER));
            config.put("dashboard.stream.write-queue-bytes", "8192");
            config.put("dashboard.stream.heartbeat", "1s");
            return config;
        }

        @Override
        public void stop() {
        }
    }
}
