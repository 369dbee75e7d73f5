package ai.adoption.governance;

import ai.adoption.testinfra.KafkaResource;
import ai.adoption.testinfra.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;
import java.util.UUID;

/**
 * Real infrastructure for every {@code @QuarkusTest} of this module, started once per test JVM: an
 * embedded PostgreSQL server (fresh database), a Kafka KRaft broker in a child JVM, and topic names
 * unique to this run (our own and the experiments-service topics we consume).
 */
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(TestInfrastructure.UniqueTopics.class)
public final class TestInfrastructure {

    public static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    public static final String TOPIC_PREFIX = "governance-test-" + RUN;
    public static final String IDEA_TOPIC = "experiments-test-" + RUN + ".idea";
    public static final String EXPERIMENT_TOPIC = "experiments-test-" + RUN + ".experiment";
    public static final String IDEA_DLT = TOPIC_PREFIX + ".idea-events.dlt";
    public static final String EXPERIMENT_DLT = TOPIC_PREFIX + ".experiment-events.dlt";

    private TestInfrastructure() {
    }

    public static String topic(String streamType) {
        return TOPIC_PREFIX + "." + streamType;
    }

    public static final class UniqueTopics implements QuarkusTestResourceLifecycleManager {
        @Override
        public Map<String, String> start() {
            return Map.ofEntries(
                    Map.entry("eventsourcing.relay.topic-prefix", TOPIC_PREFIX),
                    Map.entry("eventsourcing.relay.poll-interval", "500ms"),
                    Map.entry("mp.messaging.incoming.idea-events.topic", IDEA_TOPIC),
                    Map.entry("mp.messaging.incoming.idea-events.group.id", TOPIC_PREFIX),
                    Map.entry("mp.messaging.incoming.idea-events.dead-letter-queue.topic", IDEA_DLT),
                    Map.entry("mp.messaging.incoming.experiment-events.topic", EXPERIMENT_TOPIC),
                    Map.entry("mp.messaging.incoming.experiment-events.group.id", TOPIC_PREFIX),
                    Map.entry("mp.messaging.incoming.experiment-events.dead-letter-queue.topic", EXPERIMENT_DLT),
                    Map.entry("eventsourcing.consumer.initial-backoff", "100ms"),
                    Map.entry("eventsourcing.consumer.max-backoff", "1s"),
                    Map.entry("governance.audit.page-size", "1000"));
        }

        @Override
        public void stop() {
        }
    }
}
