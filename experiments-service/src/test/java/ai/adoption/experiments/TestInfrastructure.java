package ai.adoption.experiments;

import ai.adoption.testinfra.KafkaResource;
import ai.adoption.testinfra.PostgresResource;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;
import java.util.UUID;

/**
 * Real infrastructure for every {@code @QuarkusTest} of this module, started once per test JVM: an
 * embedded PostgreSQL server (fresh database), a Kafka KRaft broker in a child JVM, and a topic
 * prefix unique to this run so that no test can pass on a record left over by an earlier one.
 */
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(TestInfrastructure.UniqueTopics.class)
public final class TestInfrastructure {

    public static final String TOPIC_PREFIX = "experiments-test-" + UUID.randomUUID().toString().substring(0, 8);

    private TestInfrastructure() {
    }

    public static String topic(String streamType) {
        return TOPIC_PREFIX + "." + streamType;
    }

    public static final class UniqueTopics implements QuarkusTestResourceLifecycleManager {
        @Override
        public Map<String, String> start() {
            return Map.of("eventsourcing.relay.topic-prefix", TOPIC_PREFIX,
                    // fast fallback poll keeps fault tests short; LISTEN/NOTIFY and local wake-ups do the real work
                    "eventsourcing.relay.poll-interval", "500ms");
        }

        @Override
        public void stop() {
        }
    }
}
