package ai.adoption.eventsourcing.support;

import ai.adoption.eventsourcing.relay.OutboxRelay;
import ai.adoption.eventsourcing.relay.RelaySettings;
import ai.adoption.testinfra.KafkaResource;
import ai.adoption.testinfra.PostgresResource;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/** Topics with exact names on the test broker, producers, and relays wired to a test database. */
public final class KafkaTopics {

    private KafkaTopics() {
    }

    /** A prefix unique to this run, usable in topic names and consumer names. */
    public static String uniquePrefix(String label) {
        return label + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Creates {@code name} with the given partition count and waits until every partition has a leader. */
    public static String create(String name, int partitions) {
        return create(name, partitions, Map.of());
    }

    /** Creates {@code name} with topic configs (e.g. {@code max.message.bytes}) and waits for its leaders. */
    public static String create(String name, int partitions, Map<String, String> configs) {
        try (Admin admin = KafkaResource.newAdmin()) {
            admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1).configs(configs))).all().get(60, TimeUnit.SECONDS);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (true) {
                TopicDescription description = admin.describeTopics(List.of(name)).allTopicNames()
                        .get(10, TimeUnit.SECONDS).get(name);
                if (description.partitions().stream().map(TopicPartitionInfo::leader).allMatch(l -> l != null && !l.isEmpty())) {
                    return name;
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Topic " + name + " has no leader");
                }
                Thread.sleep(50);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (Exception e) {
            throw new IllegalStateException("Cannot create topic " + name, e);
        }
    }

    public static Map<String, Object> clientConfig() {
        return Map.of("bootstrap.servers", KafkaResource.bootstrapServers());
    }

    public static KafkaProducer<String, byte[]> newBytesProducer() {
        Map<String, Object> config = new HashMap<>(clientConfig());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        return new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
    }

    /** A relay publishing the test database's events to {@code <topicPrefix>.widget}. */
    public static OutboxRelay relay(PostgresResource.Database db, String topicPrefix, Duration pollInterval, long lockKey) {
        return relay(db, topicPrefix, pollInterval, lockKey, new SimpleMeterRegistry());
    }

    /** The same, with the relay's meters in {@code meters}. */
    public static OutboxRelay relay(PostgresResource.Database db, String topicPrefix, Duration pollInterval, long lockKey,
                                    MeterRegistry meters) {
        return relay(settings(topicPrefix, pollInterval, lockKey), db::connect, meters);
    }

    /** Test settings: batches of 100, liveness timeout 2 min, gauges every 300 ms. */
    public static RelaySettings settings(String topicPrefix, Duration pollInterval, long lockKey) {
        return new RelaySettings(topicPrefix, "urn:test", pollInterval, 100, "es_events", lockKey,
                Duration.ofMinutes(2), Duration.ofMillis(300));
    }

    public static OutboxRelay relay(RelaySettings settings, OutboxRelay.ConnectionFactory connections, MeterRegistry meters) {
        return new OutboxRelay(settings, connections, clientConfig(), meters);
    }

    /** A relay with extra Kafka client settings (the relay forces its own producer timeouts and transactions). */
    public static OutboxRelay relay(RelaySettings settings, OutboxRelay.ConnectionFactory connections,
                                    Map<String, Object> kafkaConfig, MeterRegistry meters) {
        Map<String, Object> config = new HashMap<>(clientConfig());
        config.putAll(kafkaConfig);
        return new OutboxRelay(settings, connections, config, meters);
    }

    /** The current value of a relay gauge, e.g. {@code eventsourcing.relay.unpublished}. */
    public static double gauge(MeterRegistry meters, String name) {
        return meters.get(name).gauge().value();
    }

    public static long uniqueLockKey() {
        return UUID.randomUUID().getMostSignificantBits();
    }
}
