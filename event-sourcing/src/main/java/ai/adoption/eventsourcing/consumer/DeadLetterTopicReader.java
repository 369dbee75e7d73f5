package ai.adoption.eventsourcing.consumer;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Reads a dead-letter topic with a plain kafka-clients consumer: {@code assign}ed partitions, no
 * group and no commits (reading changes nothing for anyone), {@code read_committed}, and bounded by
 * the end offsets taken when the reader opens, so a record dead-lettered meanwhile is not chased.
 * Blocking: use it on a worker thread, one reader per operator call, then close it.
 */
final class DeadLetterTopicReader implements AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration PATIENCE = Duration.ofSeconds(15);

    private final String topic;
    private final KafkaConsumer<String, byte[]> consumer;
    /** partition -> end offset (exclusive) at the time of the call; only partitions that hold records */
    private final NavigableMap<Integer, Long> ends = new TreeMap<>();
    private final Map<Integer, Long> starts = new HashMap<>();

    DeadLetterTopicReader(String topic, Map<String, Object> kafkaConfig, String clientId) {
        this.topic = topic;
        Map<String, Object> config = new HashMap<>(kafkaConfig);
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500);
        this.consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
        List<PartitionInfo> partitions = consumer.partitionsFor(topic, PATIENCE);
        if (partitions == null || partitions.isEmpty()) {
            return; // nothing was ever dead-lettered: the topic does not exist yet
        }
        List<TopicPartition> all = partitions.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
        Map<TopicPartition, Long> beginning = consumer.beginningOffsets(all, PATIENCE);
        consumer.endOffsets(all, PATIENCE).forEach((tp, end) -> {
            long start = beginning.getOrDefault(tp, 0L);
            if (end > start) {
                ends.put(tp.partition(), end);
                starts.put(tp.partition(), start);
            }
        });
    }

    String topic() {
        return topic;
    }

    /**
     * Up to {@code limit} records at or after {@code from}, in position order, that {@code wanted}
     * accepts, and not beyond {@code to} (inclusive; null: the end).
     */
    List<ConsumerRecord<String, byte[]>> read(DeadLetterPosition from, DeadLetterPosition to, int limit,
                                              Predicate<DeadLetterPosition> wanted) {
        List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
        for (Map.Entry<Integer, Long> partition : ends.tailMap(from.partition(), true).entrySet()) {
            int p = partition.getKey();
            if (to != null && p > to.partition()) {
                break;
            }
            long start = Math.max(starts.get(p), p == from.partition() ? from.offset() : 0);
            long end = to != null && p == to.partition() ? Math.min(partition.getValue(), to.offset() + 1) : partition.getValue();
            readPartition(p, start, end, limit - found.size(), wanted, found);
            if (found.size() >= limit) {
                break;
            }
        }
        return found;
    }

    /** The record at exactly this position, or null when there is none (a transaction marker, out of range). */
    ConsumerRecord<String, byte[]> at(DeadLetterPosition position) {
        Long end = ends.get(position.partition());
        if (end == null || position.offset() < starts.get(position.partition()) || position.offset() >= end) {
            return null;
        }
        List<ConsumerRecord<String, byte[]>> one = new ArrayList<>(1);
        readPartition(position.partition(), position.offset(), position.offset() + 1, 1, pos -> true, one);
        return one.isEmpty() || one.get(0).offset() != position.offset() ? null : one.get(0);
    }

    private void readPartition(int partition, long start, long end, int limit, Predicate<DeadLetterPosition> wanted,
                               List<ConsumerRecord<String, byte[]>> into) {
        if (start >= end || limit <= 0) {
            return;
        }
        TopicPartition tp = new TopicPartition(topic, partition);
        consumer.assign(List.of(tp));
        consumer.seek(tp, start);
        int before = into.size();
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (into.size() - before < limit && consumer.position(tp, PATIENCE) < end) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Reading " + tp + " up to offset " + end + " took longer than " + PATIENCE);
            }
            for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL).records(tp)) {
                if (record.offset() >= end || into.size() - before >= limit) {
                    break;
                }
                if (wanted.test(new DeadLetterPosition(partition, record.offset()))) {
                    into.add(record);
                }
            }
        }
    }

    @Override
    public void close() {
        consumer.close();
    }
}
