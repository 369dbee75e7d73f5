package ai.adoption.eventsourcing.consumer;

import ai.adoption.eventsourcing.cloudevents.CloudEvents;
import ai.adoption.eventsourcing.core.NotFound;

import io.smallrye.common.annotation.Identifier;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Headers;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.UUID;

/**
 * A channel's dead-letter topic is not a dead end: an operator lists what is on it and, once the
 * cause is fixed, replays records into the channel's handler ({@link ConsumerChannel}). A replay
 * goes through {@link IdempotentEvents} with the channel's consumer name, so an event already
 * processed (by the channel or an earlier replay) changes nothing. Records stay on the topic (Kafka
 * is append-only), and replaying one again is harmless.
 *
 * <p>Blocking (Kafka reads, and each replayed record is awaited in turn, in position order, so a
 * replay keeps per-key order): call it from a worker thread, never from the event loop.
 */
@ApplicationScoped
public class DeadLetters {

    private static final Logger LOG = Logger.getLogger(DeadLetters.class);
    private static final int REPLAY_PAGE = 200;
    private static final Duration REPLAY_ONE = Duration.ofMinutes(2);

    private final ConsumerChannels channels;
    private final Pool pool;
    private final Config config;
    private final Map<String, Object> kafkaConfig;
    private final String clientId;

    @Inject
    public DeadLetters(ConsumerChannels channels, Pool pool, Config config,
                       @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig,
                       @ConfigProperty(name = "quarkus.application.name") String applicationName) {
        this.channels = channels;
        this.pool = pool;
        this.config = config;
        this.kafkaConfig = kafkaConfig;
        this.clientId = applicationName + "-dead-letters";
    }

    /**
     * One record on a dead-letter topic, as an operator sees it; {@code processed}: its event has
     * been processed by the channel's consumer since (replayed, or delivered again), so a replay
     * would change nothing.
     */
    public record DeadLetter(String position, int partition, long offset, String key, String ceId, String ceType,
                             String reason, String cause, Instant timestamp, boolean processed) {
    }

    /** A page of a dead-letter topic; {@code next} is where the next page starts, null at the end. */
    public record Page(String channel, String topic, List<DeadLetter> records, String next) {
    }

    /** One replayed record: where it was, its event id (if it had one) and, for a failure, why. */
    public record Replayed(String position, String ceId, String error) {
    }

    /** What a replay did with each record it selected. */
    public record Report(String channel, String topic, List<Replayed> replayed, List<Replayed> duplicates,
                         List<Replayed> failed) {
    }

    /** Which records to replay: some positions, a range (inclusive), or everything on the topic. */
    public sealed interface Selection {
        record Positions(SortedSet<DeadLetterPosition> positions) implements Selection {
        }

        /** {@code to} null: to the end of the topic. */
        record Range(DeadLetterPosition from, DeadLetterPosition to) implements Selection {
        }

        record All() implements Selection {
        }
    }

    public Page list(String channelName, DeadLetterPosition from, int limit) {
        ConsumerChannel channel = channel(channelName);
        String topic = topic(channelName);
        try (DeadLetterTopicReader reader = new DeadLetterTopicReader(topic, kafkaConfig, clientId)) {
            List<ConsumerRecord<String, byte[]>> records = reader.read(from, null, limit + 1, p -> true);
            String next = null;
            if (records.size() > limit) {
                ConsumerRecord<String, byte[]> first = records.remove(limit);
                next = new DeadLetterPosition(first.partition(), first.offset()).toString();
            }
            Set<String> processed = processed(channel, records);
            return new Page(channel.name(), topic, records.stream().map(r -> describe(r, processed)).toList(), next);
        }
    }

    public Report replay(String channelName, Selection selection) {
        ConsumerChannel channel = channel(channelName);
        String topic = topic(channelName);
        List<Replayed> done = new ArrayList<>();
        List<Replayed> duplicates = new ArrayList<>();
        List<Replayed> failed = new ArrayList<>();
        try (DeadLetterTopicReader reader = new DeadLetterTopicReader(topic, kafkaConfig, clientId)) {
            if (selection instanceof Selection.Positions positions) {
                for (DeadLetterPosition position : positions.positions()) {
                    ConsumerRecord<String, byte[]> record = reader.at(position);
                    if (record == null) {
                        failed.add(new Replayed(position.toString(), null, "No record at this position of " + topic));
                    } else {
                        replayOne(channel, record, done, duplicates, failed);
                    }
                }
            } else {
                DeadLetterPosition from = selection instanceof Selection.Range range ? range.from() : DeadLetterPosition.START;
                DeadLetterPosition to = selection instanceof Selection.Range range ? range.to() : null;
                // page by page, each record awaited in turn: bounded memory and no recursion over the topic
                List<ConsumerRecord<String, byte[]>> page = reader.read(from, to, REPLAY_PAGE, p -> true);
                while (!page.isEmpty()) {
                    for (ConsumerRecord<String, byte[]> record : page) {
                        replayOne(channel, record, done, duplicates, failed);
                    }
                    ConsumerRecord<String, byte[]> last = page.get(page.size() - 1);
                    page = reader.read(new DeadLetterPosition(last.partition(), last.offset()).next(), to, REPLAY_PAGE, p -> true);
                }
            }
        }
        LOG.infof("Replayed the dead letters of channel %s (%s): %d processed, %d duplicates, %d failed", channelName,
                topic, done.size(), duplicates.size(), failed.size());
        return new Report(channel.name(), topic, done, duplicates, failed);
    }

    private static void replayOne(ConsumerChannel channel, ConsumerRecord<String, byte[]> record, List<Replayed> done,
                                  List<Replayed> duplicates, List<Replayed> failed) {
        String position = new DeadLetterPosition(record.partition(), record.offset()).toString();
        String ceId = header(record.headers(), CloudEvents.ID);
        try {
            IdempotentEvents.Outcome outcome = channel.replay(record).await().atMost(REPLAY_ONE);
            (outcome != IdempotentEvents.Outcome.DUPLICATE ? done : duplicates).add(new Replayed(position, ceId, null));
        } catch (RuntimeException e) {
            failed.add(new Replayed(position, ceId, e instanceof IdempotentEvents.HandlingFailed ? e.getMessage() : e.toString()));
        }
    }

    private ConsumerChannel channel(String name) {
        return channels.find(name).orElseThrow(() -> new NotFound("Consumed channel", name));
    }

    /**
     * The channel's dead-letter topic, as its connector writes it: {@code dead-letter-queue.topic},
     * else SmallRye's default {@code dead-letter-topic-<topic>}, when the failure strategy is
     * {@code dead-letter-queue}.
     */
    String topic(String channel) {
        String prefix = "mp.messaging.incoming." + channel + ".";
        Optional<String> strategy = config.getOptionalValue(prefix + "failure-strategy", String.class);
        if (strategy.isEmpty() || !strategy.get().equals("dead-letter-queue")) {
            throw new NotFound("Dead-letter topic of channel", channel);
        }
        return config.getOptionalValue(prefix + "dead-letter-queue.topic", String.class)
                .orElseGet(() -> "dead-letter-topic-" + config.getOptionalValue(prefix + "topic", String.class).orElse(channel));
    }

    /** The event ids of these records that the channel's consumer has processed: one query, ids bound as an array. */
    private Set<String> processed(ConsumerChannel channel, List<ConsumerRecord<String, byte[]>> records) {
        List<UUID> ids = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            try {
                ids.add(UUID.fromString(header(record.headers(), CloudEvents.ID)));
            } catch (RuntimeException notAnEvent) {
                // no ce_id, or not a UUID: never processed
            }
        }
        Set<String> processed = new HashSet<>();
        if (ids.isEmpty()) {
            return processed;
        }
        pool.preparedQuery("select event_id from es_processed_event where consumer = $1 and event_id = any($2)")
                .execute(Tuple.of(channel.consumer(), ids.toArray(UUID[]::new)))
                .await().atMost(Duration.ofSeconds(30))
                .forEach((Row row) -> processed.add(row.getUUID(0).toString()));
        return processed;
    }

    private static DeadLetter describe(ConsumerRecord<String, byte[]> record, Set<String> processed) {
        Headers headers = record.headers();
        return new DeadLetter(new DeadLetterPosition(record.partition(), record.offset()).toString(), record.partition(),
                record.offset(), record.key(), header(headers, CloudEvents.ID), header(headers, CloudEvents.TYPE),
                header(headers, "dead-letter-reason"), header(headers, "dead-letter-cause"),
                Instant.ofEpochMilli(record.timestamp()), processed.contains(header(headers, CloudEvents.ID)));
    }

    private static String header(Headers headers, String name) {
        return CloudEvents.header(headers, name).orElse(null);
    }
}
