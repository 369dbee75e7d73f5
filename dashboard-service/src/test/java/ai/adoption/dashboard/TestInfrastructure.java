package ai.adoption.dashboard;

import ai.adoption.dashboard.messaging.StreamConsumer;
import ai.adoption.testinfra.KafkaResource;
import ai.adoption.testinfra.PostgresResource;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
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

    /** The production topics the one channel reads, which the test copies are named after. */
    public static final List<String> TOPICS = List.of("experiments.idea", "experiments.experiment", "revisit.case",
            "revisit.policy", "governance.ai-system", "governance.department", "governance.person", "governance.tool",
            "governance.finding");

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
            String channel = "mp.messaging.incoming." + StreamConsumer.CHANNEL + ".";
            config.put(channel + "topics", TOPICS.stream().map(TestInfrastructure::topic).collect(Collectors.joining(",")));
            config.put(channel + "group.id", PREFIX);
            config.put(channel + "dead-letter-queue.topic", PREFIX + ".events.dlt");
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
