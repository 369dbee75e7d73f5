package ai.adoption.benchmark;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Measures commit-to-Kafka lag, as two bounds of the true value. Upper bound: for every record of
 * the topic, consumer receive time minus the {@code ce_recordedtime} header (when PostgreSQL
 * recorded the event row: at the insert, before the commit). Lower bound: consumer receive time
 * minus the time the load generator had the 201 response of the same idea (the record key), see
 * {@link ResponseTimes}. Uses its own, unique consumer group that starts at the latest offsets
 * (positions are fixed before the load starts, so nothing older is read); only records whose
 * recorded time lies inside the measurement window count.
 */
final class LagConsumer implements Runnable {

    static final String RECORDED_TIME = "ce_recordedtime";

    private final String bootstrap;
    private final String topic;
    private final String groupId = "benchmark-lag-" + UUID.randomUUID();
    private final CountDownLatch assigned = new CountDownLatch(1);
    private final Samples lags = new Samples();
    private final ResponseTimes responses;

    private volatile boolean running = true;
    private volatile long windowFromMicros = Long.MAX_VALUE;
    private volatile long windowToMicros = Long.MIN_VALUE;
    private volatile long lastRecordNanos = System.nanoTime();
    private volatile Throwable failure;
    private Thread thread;

    private long records;
    private long inWindow;
    private long missingHeader;
    private long unparsable;
    private Set<TopicPartition> partitions = Set.of();

    LagConsumer(String bootstrap, String topic, ResponseTimes responses) {
        this.bootstrap = bootstrap;
        this.topic = topic;
        this.responses = responses;
    }

    String groupId() {
        return groupId;
    }

    /** Starts consuming and waits until partitions are assigned and positioned at their end. */
    boolean start(Duration assignmentTimeout) throws InterruptedException {
        thread = new Thread(this, "lag-consumer");
        thread.setDaemon(true);
        thread.start();
        return assigned.await(assignmentTimeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    void window(long fromWallMicros, long toWallMicros) {
        this.windowFromMicros = fromWallMicros;
        this.windowToMicros = toWallMicros;
    }

    /** Keeps consuming until no record arrived for {@code quiet}, at most {@code max}; then stops. */
    void drainAndStop(Duration quiet, Duration max) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        while (System.nanoTime() < deadline && System.nanoTime() - lastRecordNanos < quiet.toNanos()) {
            Thread.sleep(50);
        }
        running = false;
        thread.join(10_000);
    }

    @Override
    public void run() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, groupId);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        // the relay publishes in Kafka transactions: measure what a read_committed consumer sees
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        // return as soon as one byte is there: the wait never adds to the measured lag
        p.put(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, 1);
        p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 100);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p)) {
            consumer.subscribe(List.of(topic));
            while (running && consumer.assignment().isEmpty()) {
                consumer.poll(Duration.ofMillis(100)); // joins the group; nothing is returned before positions exist
            }
            partitions = Set.copyOf(consumer.assignment());
            for (TopicPartition tp : partitions) {
                consumer.position(tp); // resolves "latest" now, before any load is sent
            }
            assigned.countDown();
            while (running) {
                ConsumerRecords<byte[], byte[]> batch = consumer.poll(Duration.ofMillis(50));
                if (batch.isEmpty()) {
                    continue;
                }
                long receivedMicros = Clock.wallMicros();
                lastRecordNanos = System.nanoTime();
                for (ConsumerRecord<byte[], byte[]> record : batch) {
                    handle(record, receivedMicros);
                }
            }
        } catch (Throwable t) {
            failure = t;
            assigned.countDown();
        }
    }

    private void handle(ConsumerRecord<byte[], byte[]> record, long receivedMicros) {
        records++;
        Header header = record.headers().lastHeader(RECORDED_TIME);
        if (header == null || header.value() == null) {
            missingHeader++;
            return;
        }
        long recordedMicros;
        try {
            recordedMicros = Clock.micros(Instant.parse(new String(header.value(), StandardCharsets.UTF_8)));
        } catch (DateTimeParseException e) {
            unparsable++;
            return;
        }
        boolean measured = recordedMicros >= windowFromMicros && recordedMicros < windowToMicros;
        if (measured) {
            inWindow++;
            lags.add(receivedMicros - recordedMicros, recordedMicros);
        }
        if (responses != null && record.key() != null) {
            responses.record(new String(record.key(), StandardCharsets.UTF_8), receivedMicros, recordedMicros, measured);
        }
    }

    // read after drainAndStop (the thread has ended)
    /** Upper bound: receive time minus {@code ce_recordedtime} (the insert). */
    Samples lags() {
        return lags;
    }

    /** Lower bound: receive time minus the 201 response of the same idea; null if not measured. */
    ResponseTimes responses() {
        return responses;
    }

    long records() {
        return records;
    }

    long inWindow() {
        return inWindow;
    }

    long missingHeader() {
        return missingHeader;
    }

    long unparsable() {
        return unparsable;
    }

    int partitionCount() {
        return partitions.size();
    }

    Throwable failure() {
        return failure;
    }
}
