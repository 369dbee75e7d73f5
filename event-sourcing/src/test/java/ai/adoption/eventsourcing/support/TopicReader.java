package ai.adoption.eventsourcing.support;

import ai.adoption.eventsourcing.cloudevents.CloudEvents;
import ai.adoption.testinfra.KafkaResource;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * Reads a whole topic from the beginning (all partitions assigned, no group membership) and keeps what it saw.
 * Reads {@code read_committed}, as every consumer of the relay's transactional topics must: records of an
 * aborted relay transaction are never seen.
 */
public final class TopicReader implements AutoCloseable {

    private final KafkaConsumer<String, byte[]> consumer;
    private final List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();

    public TopicReader(String topic) {
        Map<String, Object> config = KafkaResource.consumerConfig();
        config.remove(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                .map(p -> new TopicPartition(topic, p.partition()))
                .toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /** Everything received so far, in arrival order (per partition: offset order). */
    public List<ConsumerRecord<String, byte[]>> records() {
        return List.copyOf(records);
    }

    /** Keeps polling for {@code duration}, e.g. to catch late duplicates or to show nothing arrives. */
    public List<ConsumerRecord<String, byte[]>> pollFor(Duration duration) {
        long deadline = System.nanoTime() + duration.toNanos();
        while (System.nanoTime() < deadline) {
            consumer.poll(Duration.ofMillis(100)).forEach(records::add);
        }
        return records();
    }

    /** Polls until {@code done} holds for everything received, or the timeout passes; returns what was received. */
    public List<ConsumerRecord<String, byte[]>> pollUntil(Predicate<List<ConsumerRecord<String, byte[]>>> done, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!done.test(records) && System.nanoTime() < deadline) {
            consumer.poll(Duration.ofMillis(100)).forEach(records::add);
        }
        return records();
    }

    /** Polls until every one of {@code ids} was received (at least once), or the timeout passes. */
    public List<ConsumerRecord<String, byte[]>> awaitIds(Collection<UUID> ids, Duration timeout) {
        Set<String> wanted = new HashSet<>();
        ids.forEach(id -> wanted.add(id.toString()));
        return pollUntil(received -> idsOf(received).containsAll(wanted), timeout);
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(2));
    }

    public static String header(ConsumerRecord<String, byte[]> record, String name) {
        return CloudEvents.header(record.headers(), name).orElse(null);
    }

    public static Set<String> idsOf(List<ConsumerRecord<String, byte[]>> records) {
        Set<String> ids = new HashSet<>();
        records.forEach(r -> ids.add(header(r, CloudEvents.ID)));
        return ids;
    }

    public static List<String> idList(List<ConsumerRecord<String, byte[]>> records) {
        return records.stream().map(r -> header(r, CloudEvents.ID)).toList();
    }

    /** Per record key (stream id): the ce_sequence values in arrival order, duplicates included. */
    public static Map<String, List<Long>> sequencesByKey(List<ConsumerRecord<String, byte[]>> records) {
        Map<String, List<Long>> byKey = new LinkedHashMap<>();
        for (ConsumerRecord<String, byte[]> r : records) {
            byKey.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(CloudEvents.streamVersion(r.headers()).orElseThrow());
        }
        return byKey;
    }

    /** Per record key: the ce_sequence values of each event's FIRST delivery, in arrival order. */
    public static Map<String, List<Long>> firstDeliverySequencesByKey(List<ConsumerRecord<String, byte[]>> records) {
        Set<String> seen = new HashSet<>();
        Map<String, List<Long>> byKey = new LinkedHashMap<>();
        for (ConsumerRecord<String, byte[]> r : records) {
            if (seen.add(header(r, CloudEvents.ID))) {
                byKey.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(CloudEvents.streamVersion(r.headers()).orElseThrow());
            }
        }
        return byKey;
    }
}
