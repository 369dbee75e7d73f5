package ai.adoption.eventsourcing.relay;

import ai.adoption.eventsourcing.cloudevents.CloudEvents;
import ai.adoption.eventsourcing.store.RecordedEvent;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * Sends batches to Kafka, one Kafka transaction each.
 *
 * <p>One transactional producer (its {@code transactional.id} is shared by all instances of a service,
 * so a new leader's {@code initTransactions} fences a stale one). A batch is aborted as a whole on any
 * failure and then re-sent as a whole: a {@code read_committed} consumer sees a batch completely or not
 * at all, and a failed send can never let a later version of a stream land before an earlier one. Every
 * Kafka call is bounded ({@link #MAX_BLOCK_MS}, {@link #DELIVERY_TIMEOUT_MS}, {@link #REQUEST_TIMEOUT_MS}),
 * so a broker outage costs a round some seconds, never minutes. The producer is only replaced when Kafka
 * declares it unusable (fenced, fatal error, or a transaction whose outcome a timeout left open); the new
 * one's {@code initTransactions} then settles the open transaction.
 *
 * <p>A record Kafka rejects for good ({@link #poisonCause}) is taken out with every later event of its
 * stream, and the rest is sent again in a new transaction; {@link PoisonParking} parks them.
 */
final class TransactionalPublisher implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(TransactionalPublisher.class);

    /** Longest a producer call blocks: send() waiting for metadata, initTransactions, commit, abort. */
    static final int MAX_BLOCK_MS = 10_000;
    /** Longest the producer waits for one broker response before retrying the request. */
    static final int REQUEST_TIMEOUT_MS = 5_000;
    /** Longest a record may take from send() to acknowledgement, retries included; then the batch fails. */
    static final int DELIVERY_TIMEOUT_MS = 8_000;
    /** A transaction a dead leader left open is aborted by the coordinator after this long (or at once by the next leader). */
    static final int TRANSACTION_TIMEOUT_MS = 60_000;

    /** A record Kafka rejects for good, and why. */
    record Parked(Publishable item, String reason) {
    }

    /** What a publication did: published in one committed transaction, parked as poison, held behind poison. */
    record Outcome(List<Publishable> published, List<Parked> poisoned, List<Publishable> heldBehind) {
    }

    private final RelaySettings settings;
    private final Map<String, Object> producerConfig;
    private final RelayMetrics metrics;
    private final PublishTracing tracing;
    private KafkaProducer<String, byte[]> producer;
    private boolean producerInitialised;

    TransactionalPublisher(RelaySettings settings, Map<String, Object> kafkaConfig, RelayMetrics metrics, PublishTracing tracing) {
        this.settings = settings;
        this.producerConfig = producerConfig(kafkaConfig, settings);
        this.metrics = metrics;
        this.tracing = tracing;
    }

    static Map<String, Object> producerConfig(Map<String, Object> kafkaConfig, RelaySettings settings) {
        Map<String, Object> config = new HashMap<>(kafkaConfig);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        config.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 0);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, MAX_BLOCK_MS);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, REQUEST_TIMEOUT_MS);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, DELIVERY_TIMEOUT_MS);
        config.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, TRANSACTION_TIMEOUT_MS);
        config.putIfAbsent(ProducerConfig.TRANSACTIONAL_ID_CONFIG, defaultTransactionalId(settings));
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return config;
    }

    /** Used when the Kafka configuration has no {@code transactional.id}: stable per topic prefix and database lock. */
    static String defaultTransactionalId(RelaySettings settings) {
        return "outbox-relay." + settings.topicPrefix() + "." + settings.lockKey();
    }

    String transactionalId() {
        return String.valueOf(producerConfig.get(ProducerConfig.TRANSACTIONAL_ID_CONFIG));
    }

    /**
     * Publishes {@code items} (in position order) in one Kafka transaction. A poison record is taken
     * out, with every later event of its stream, and the rest sent again in a new transaction; any
     * other failure aborts and throws {@link PublishFailure}, nothing of the batch being visible.
     */
    Outcome publish(List<Publishable> items) {
        List<Publishable> remaining = new ArrayList<>(items);
        List<Parked> poisoned = new ArrayList<>();
        List<Publishable> behind = new ArrayList<>();
        while (!remaining.isEmpty()) {
            Optional<Parked> poison = sendInTransaction(remaining);
            if (poison.isEmpty()) {
                break;
            }
            Publishable bad = poison.get().item();
            poisoned.add(poison.get());
            Iterator<Publishable> it = remaining.iterator();
            while (it.hasNext()) {
                Publishable item = it.next();
                if (item.stream().equals(bad.stream()) && item.event().streamVersion() >= bad.event().streamVersion()) {
                    it.remove();
                    if (item != bad) {
                        behind.add(item);
                    }
                }
            }
        }
        metrics.published(remaining, Instant.now());
        return new Outcome(remaining, poisoned, behind);
    }

    /** One transaction: empty if committed, the poison record if one made it fail; throws on any other failure. */
    private Optional<Parked> sendInTransaction(List<Publishable> items) {
        KafkaProducer<String, byte[]> kafka = initialisedProducer();
        List<Future<RecordMetadata>> sent = new ArrayList<>(items.size());
        PublishTracing.Publication traced = tracing.publication();
        RuntimeException failure;
        try {
            kafka.beginTransaction();
            for (Publishable item : items) {
                RecordedEvent<String> event = item.event();
                sent.add(kafka.send(traced.traced(
                        CloudEvents.toRecord(settings.topicFor(event.streamType()), settings.source(), event), item)));
            }
            kafka.commitTransaction();
            traced.committed();
            return Optional.empty();
        } catch (RuntimeException e) {
            failure = e;
            traced.failed(e);
        }
        try {
            kafka.abortTransaction();
        } catch (RuntimeException abortFailed) {
            // fenced, fatal, or a commit whose outcome a timeout left open: only a new producer's
            // initTransactions settles it (it aborts or completes the open transaction)
            LOG.debugf("Aborting the relay's transaction failed (%s); replacing the producer", abortFailed.toString());
            discard();
        }
        Optional<Parked> poison = findPoison(items, sent, failure);
        if (poison.isPresent()) {
            return poison;
        }
        throw new PublishFailure(failure);
    }

    private Optional<Parked> findPoison(List<Publishable> items, List<Future<RecordMetadata>> sent, Throwable failure) {
        for (int i = 0; i < sent.size(); i++) {
            Future<RecordMetadata> future = sent.get(i);
            if (future.isDone()) {
                try {
                    future.get();
                } catch (ExecutionException e) {
                    Throwable cause = poisonCause(e.getCause());
                    if (cause != null) {
                        return Optional.of(new Parked(items.get(i), cause.toString()));
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return Optional.empty();
                } catch (RuntimeException e) {
                    // cancelled: not a poison record
                }
            }
        }
        Throwable cause = poisonCause(failure);
        if (cause == null) {
            return Optional.empty();
        }
        if (cause instanceof TopicAuthorizationException denied && !denied.unauthorizedTopics().isEmpty()) {
            for (Publishable item : items) {
                if (denied.unauthorizedTopics().contains(settings.topicFor(item.event().streamType()))) {
                    return Optional.of(new Parked(item, cause.toString()));
                }
            }
        }
        // thrown by send() itself: the record after the last one handed to the producer
        if (sent.size() < items.size()) {
            return Optional.of(new Parked(items.get(sent.size()), cause.toString()));
        }
        return Optional.empty();
    }

    /** The cause that makes a record unpublishable for good, or null. */
    static Throwable poisonCause(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof RecordTooLargeException || t instanceof RecordBatchTooLargeException
                    || t instanceof InvalidTopicException || t instanceof TopicAuthorizationException
                    || t instanceof InvalidRecordException) {
                return t;
            }
        }
        return null;
    }

    private KafkaProducer<String, byte[]> initialisedProducer() {
        if (producer == null) {
            producer = new KafkaProducer<>(producerConfig);
            producerInitialised = false;
        }
        if (!producerInitialised) {
            try {
                // fences any older producer with the same transactional id (a stale leader) and settles
                // the transaction it left open
                producer.initTransactions();
                producerInitialised = true;
            } catch (TimeoutException e) {
                throw new PublishFailure(e); // retriable with the same producer
            } catch (KafkaException e) {
                discard();
                throw new PublishFailure(e);
            }
        }
        return producer;
    }

    /** Drops the producer at once; the next batch starts a new one with initTransactions (fencing whoever published meanwhile). */
    void discard() {
        if (producer != null) {
            try {
                producer.close(Duration.ZERO);
            } catch (RuntimeException e) {
                LOG.debug("Closing the failed producer", e);
            }
            producer = null;
            producerInitialised = false;
        }
    }

    @Override
    public void close() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
            producer = null;
            producerInitialised = false;
        }
    }
}
