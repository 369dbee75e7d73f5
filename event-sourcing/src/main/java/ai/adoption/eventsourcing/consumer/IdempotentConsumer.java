package ai.adoption.eventsourcing.consumer;

import ai.adoption.eventsourcing.cloudevents.CloudEvents;
import ai.adoption.eventsourcing.cloudevents.IncomingEvent;
import ai.adoption.eventsourcing.store.PersistenceFailure;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

/**
 * Consumes CloudEvents from Kafka and hands each to an {@link EventHandler} exactly once in effect:
 * the event id is recorded in {@code es_processed_event} in the same transaction as the handler's
 * writes, so a redelivered duplicate is recognised and skipped.
 * <p>
 * A record that cannot be read as a CloudEvent, or whose handler keeps failing, is written to the
 * dead-letter topic (with the reason in {@code dlt_*} headers) before its offset is committed, so
 * nothing is lost and the consumer carries on with the next record. A database outage is not
 * poison: the consumer rewinds and retries the same record until the database is back.
 */
public final class IdempotentConsumer implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(IdempotentConsumer.class);
    public static final String DLT_REASON = "dlt_reason";
    public static final String DLT_TOPIC = "dlt_original_topic";
    public static final String DLT_PARTITION = "dlt_original_partition";
    public static final String DLT_OFFSET = "dlt_original_offset";

    /** Settings of one consumer. {@code name} is also the Kafka group id and the processed-events key. */
    public record Settings(String name, List<String> topics, String deadLetterTopic, int maxAttempts, Duration retryBackoff) {
    }

    private final Settings settings;
    private final TransactionRunner transactions;
    private final EventHandler handler;
    private final KafkaConsumer<String, byte[]> consumer;
    private final KafkaProducer<String, byte[]> deadLetters;
    private final Counter processed;
    private final Counter duplicates;
    private final Counter deadLettered;
    private volatile boolean running;
    private Thread thread;

    public IdempotentConsumer(Settings settings, Map<String, Object> kafkaConfig, TransactionRunner transactions,
                              EventHandler handler, MeterRegistry meters) {
        this.settings = settings;
        this.transactions = transactions;
        this.handler = handler;
        Map<String, Object> consumerConfig = new HashMap<>(kafkaConfig);
        consumerConfig.put(ConsumerConfig.GROUP_ID_CONFIG, settings.name());
        consumerConfig.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumerConfig.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        consumerConfig.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        consumerConfig.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        consumerConfig.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        this.consumer = new KafkaConsumer<>(consumerConfig);
        Map<String, Object> producerConfig = new HashMap<>(kafkaConfig);
        producerConfig.remove(ConsumerConfig.GROUP_ID_CONFIG);
        producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
        producerConfig.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        producerConfig.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        producerConfig.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        this.deadLetters = new KafkaProducer<>(producerConfig);
        this.processed = meters.counter("eventsourcing.consumer.processed", "consumer", settings.name());
        this.duplicates = meters.counter("eventsourcing.consumer.duplicates", "consumer", settings.name());
        this.deadLettered = meters.counter("eventsourcing.consumer.dead-lettered", "consumer", settings.name());
    }

    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        thread = new Thread(this::run, "consumer-" + settings.name());
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public synchronized void close() {
        running = false;
        consumer.wakeup();
        if (thread != null) {
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        deadLetters.close(Duration.ofSeconds(5));
    }

    private void run() {
        try {
            consumer.subscribe(settings.topics());
            while (running) {
                try {
                    pollOnce();
                } catch (WakeupException e) {
                    if (running) {
                        LOG.debugf("Consumer %s woken up while running; carrying on", settings.name());
                    }
                } catch (RuntimeException e) {
                    // e.g. a commit refused after a rebalance: the records come back and duplicates are
                    // recognised by their event ids, so keep consuming rather than let the thread die
                    LOG.errorf(e, "Consumer %s failed a round; retrying after %s", settings.name(), settings.retryBackoff());
                    sleep(settings.retryBackoff());
                }
            }
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private void pollOnce() {
        ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(500));
        for (TopicPartition partition : records.partitions()) {
            for (ConsumerRecord<String, byte[]> record : records.records(partition)) {
                if (!process(record)) {
                    // database unavailable: rewind to this record and try again after a pause
                    consumer.seek(partition, record.offset());
                    sleep(settings.retryBackoff());
                    break;
                }
                consumer.commitSync(Map.of(partition, new OffsetAndMetadata(record.offset() + 1)));
            }
        }
    }

    /** Returns false if the record must be retried later (infrastructure failure), true once it is dealt with. */
    private boolean process(ConsumerRecord<String, byte[]> record) {
        IncomingEvent event;
        try {
            event = CloudEvents.fromRecord(record);
        } catch (CloudEvents.MalformedCloudEvent e) {
            return deadLetter(record, "malformed CloudEvent: " + e.getMessage());
        }
        Exception last = null;
        for (int attempt = 1; attempt <= settings.maxAttempts(); attempt++) {
            try {
                boolean fresh = transactions.inTransaction(connection -> {
                    if (!markProcessed(connection, event)) {
                        return false;
                    }
                    handler.handle(connection, event);
                    return true;
                });
                if (fresh) {
                    processed.increment();
                } else {
                    duplicates.increment();
                    LOG.debugf("Consumer %s skipped duplicate event %s", settings.name(), event.id());
                }
                return true;
            } catch (Exception e) {
                if (PersistenceFailure.isTransient(e)) {
                    LOG.warnf("Consumer %s cannot reach the database, will retry: %s", settings.name(), e.getMessage());
                    return false;
                }
                last = e;
                LOG.debugf("Consumer %s attempt %d for event %s failed: %s", settings.name(), attempt, event.id(), e);
            }
        }
        return deadLetter(record, last.getClass().getSimpleName() + ": " + last.getMessage());
    }

    private boolean markProcessed(Connection connection, IncomingEvent event) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(
                "insert into es_processed_event (consumer, event_id) values (?, ?) on conflict do nothing")) {
            ps.setString(1, settings.name());
            ps.setObject(2, event.id());
            return ps.executeUpdate() == 1;
        }
    }

    private boolean deadLetter(ConsumerRecord<String, byte[]> record, String reason) {
        ProducerRecord<String, byte[]> copy = new ProducerRecord<>(settings.deadLetterTopic(), null, record.key(), record.value(), record.headers());
        copy.headers().add(DLT_REASON, truncate(reason).getBytes(StandardCharsets.UTF_8));
        copy.headers().add(DLT_TOPIC, record.topic().getBytes(StandardCharsets.UTF_8));
        copy.headers().add(DLT_PARTITION, Integer.toString(record.partition()).getBytes(StandardCharsets.UTF_8));
        copy.headers().add(DLT_OFFSET, Long.toString(record.offset()).getBytes(StandardCharsets.UTF_8));
        try {
            deadLetters.send(copy).get();
            deadLettered.increment();
            LOG.warnf("Consumer %s sent %s-%d@%d to %s: %s", settings.name(), record.topic(), record.partition(),
                    record.offset(), settings.deadLetterTopic(), reason);
            return true;
        } catch (ExecutionException e) {
            LOG.warnf("Consumer %s cannot write to the dead-letter topic, will retry: %s", settings.name(), e.getCause());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String truncate(String reason) {
        return reason.length() > 1000 ? reason.substring(0, 1000) : reason;
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
