package ai.adoption.e2e;

import ai.adoption.testinfra.KafkaResource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the topics hold, read as any consumer of the streams reads them: a plain {@link KafkaConsumer},
 * {@code read_committed}, every partition assigned (no group, no commits) from the beginning. {@link #catchUp()} reads
 * on from where it stopped up to the end offsets of the moment, so it can be called again while waiting for quiescence.
 */
final class TopicLog implements AutoCloseable {

    /** One record as the counts need it: where it is, its key, CloudEvent id, type and sequence, and its data. */
    record Event(String topic, int partition, long offset, String key, String id, String type, long sequence, JsonNode data) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final KafkaConsumer<String, byte[]> consumer;
    private final List<TopicPartition> partitions = new ArrayList<>();
    private final Map<String, List<Event>> byTopic = new HashMap<>();

    TopicLog(List<String> topics) {
        Map<String, Object> config = new HashMap<>(KafkaResource.consumerConfig());
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
        consumer = new KafkaConsumer<>(config, new org.apache.kafka.common.serialization.StringDeserializer(),
                new ByteArrayDeserializer());
        for (String topic : topics) {
            byTopic.put(topic, new ArrayList<>());
            for (PartitionInfo info : consumer.partitionsFor(topic, Duration.ofSeconds(30))) {
                partitions.add(new TopicPartition(topic, info.partition()));
            }
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /** Reads up to the end offsets (the last stable offsets, read_committed) as they are now. */
    void catchUp() {
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!reached(end)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Could not read the topics up to " + end);
            }
            for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                byTopic.get(record.topic()).add(event(record));
            }
        }
    }

    List<Event> events(String topic) {
        return byTopic.get(topic);
    }

    List<Event> all() {
        List<Event> all = new ArrayList<>();
        byTopic.values().forEach(all::addAll);
        return all;
    }

    private boolean reached(Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
            if (consumer.position(e.getKey(), Duration.ofSeconds(30)) < e.getValue()) {
                return false;
            }
        }
        return true;
    }

    private static Event event(ConsumerRecord<String, byte[]> record) {
        JsonNode data;
        try {
            data = record.value() == null ? JSON.nullNode() : JSON.readTree(record.value());
        } catch (IOException notJson) {
            data = JSON.nullNode();
        }
        String sequence = header(record, "ce_sequence");
        return new Event(record.topic(), record.partition(), record.offset(), record.key(), header(record, "ce_id"),
                header(record, "ce_type"), sequence == null ? -1 : Long.parseLong(sequence), data);
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }
}
