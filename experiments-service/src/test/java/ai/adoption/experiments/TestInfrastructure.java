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

    /** This run's copy of revisit-service's revisit.case topic, which the reopen consumer reads. */
    public static final String REVISIT_CASE_TOPIC = TOPIC_PREFIX + "-revisit.case";

    /** This run's copy of governance-service's governance.finding topic, which the findings consumer reads. */
    public static final String GOVERNANCE_FINDING_TOPIC = TOPIC_PREFIX + "-governance.finding";
    public static final String GOVERNANCE_FINDING_DLT = GOVERNANCE_FINDING_TOPIC + ".dlt";

    /** This run's copy of governance-service's governance.tool topic, which the prompt catalogue's tool consumer reads. */
    public static final String GOVERNANCE_TOOL_TOPIC = TOPIC_PREFIX + "-governance.tool";

    public static String topic(String streamType) {
        return TOPIC_PREFIX + "." + streamType;
    }

    public static class UniqueTopics implements QuarkusTestResourceLifecycleManager {

        /** The relay's fallback poll: short, to keep fault tests short. */
        protected String pollInterval() {
            return "500ms";
        }

        @Override
        public Map<String, String> start() {
            return Map.ofEntries(
                    Map.entry("eventsourcing.relay.topic-prefix", TOPIC_PREFIX),
                    // fast fallback poll keeps fault tests short; LISTEN/NOTIFY and local wake-ups do the real work
                    Map.entry("eventsourcing.relay.poll-interval", pollInterval()),
                    Map.entry("mp.messaging.incoming.revisit-events.topic", REVISIT_CASE_TOPIC),
                    Map.entry("mp.messaging.incoming.revisit-events.group.id", TOPIC_PREFIX + "-reopen"),
                    Map.entry("mp.messaging.incoming.revisit-events.dead-letter-queue.topic", REVISIT_CASE_TOPIC + ".dlt"),
                    Map.entry("mp.messaging.incoming.finding-events.topic", GOVERNANCE_FINDING_TOPIC),
                    Map.entry("mp.messaging.incoming.finding-events.group.id", TOPIC_PREFIX + "-findings"),
                    Map.entry("mp.messaging.incoming.finding-events.dead-letter-queue.topic", GOVERNANCE_FINDING_DLT),
                    Map.entry("mp.messaging.incoming.tool-events.topic", GOVERNANCE_TOOL_TOPIC),
                    Map.entry("mp.messaging.incoming.tool-events.group.id", TOPIC_PREFIX + "-tools"),
                    Map.entry("mp.messaging.incoming.tool-events.dead-letter-queue.topic", GOVERNANCE_TOOL_TOPIC + ".dlt"),
                    Map.entry("eventsourcing.consumer.initial-backoff", "100ms"),
                    Map.entry("eventsourcing.consumer.max-backoff", "1s"),
                    // a record retried in place for longer than this shows in the channel's health group
                    Map.entry("eventsourcing.consumer.stuck-after", "2s"));
        }

        @Override
        public void stop() {
        }
    }
}
