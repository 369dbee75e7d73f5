package ai.adoption.eventsourcing.relay;

import ai.adoption.eventsourcing.support.EsDatabases;
import ai.adoption.eventsourcing.support.KafkaTopics;
import ai.adoption.eventsourcing.support.TopicReader;
import ai.adoption.testinfra.KafkaResource;
import ai.adoption.testinfra.PostgresResource;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The broker stops while the relay is publishing, and stays away longer than every producer timeout
 * (max.block.ms, delivery.timeout.ms, request.timeout.ms): once it is back, a read_committed reader
 * sees every event, and each stream's first deliveries in version order.
 */
class OutboxRelayMidBatchOutageTest {

    private static final Logger LOG = Logger.getLogger(OutboxRelayMidBatchOutageTest.class);
    private static final int STREAMS = 20;
    private static final int EVENTS_PER_STREAM = 15;
    private static final int TOTAL = STREAMS * EVENTS_PER_STREAM;

    private OutboxRelay relay;
    private TopicReader reader;
    private ExecutorService writer;

    @AfterEach
    void tearDown() {
        if (writer != null) {
            writer.shutdownNow();
        }
        KafkaResource.startBroker();
        EsDatabases.closeQuietly(reader);
        EsDatabases.closeQuietly(relay);
    }

    @Test
    void theBrokerGoingAwayMidBatchForLongerThanTheProducerTimeoutsLosesAndReordersNothing() throws Exception {
        PostgresResource.Database db = EsDatabases.migrated("es_midbatch");
        String prefix = KafkaTopics.uniquePrefix("midbatch");
        String topic = KafkaTopics.create(prefix + "." + EsDatabases.STREAM_TYPE, 3);
        // the relay's own producer timeouts, also handed in as client settings: a relay that took its
        // timeouts from the Kafka configuration would run into them during this outage just the same
        Map<String, Object> timeouts = Map.of("max.block.ms", OutboxRelay.MAX_BLOCK_MS,
                "request.timeout.ms", OutboxRelay.REQUEST_TIMEOUT_MS, "delivery.timeout.ms", OutboxRelay.DELIVERY_TIMEOUT_MS);
        relay = KafkaTopics.relay(KafkaTopics.settings(prefix, Duration.ofMillis(200), KafkaTopics.uniqueLockKey()),
                db::connect, timeouts, new SimpleMeterRegistry());
        relay.start();

        List<String> streams = new ArrayList<>();
        for (int s = 0; s < STREAMS; s++) {
            streams.add("mb-" + s + "-" + UUID.randomUUID().toString().substring(0, 8));
        }
        Set<UUID> appended = ConcurrentHashMap.newKeySet();
        AtomicInteger count = new AtomicInteger();
        writer = Executors.newSingleThreadExecutor();
        Future<?> writing = writer.submit(() -> {
            try (Connection connection = db.connect()) {
                for (int version = 0; version < EVENTS_PER_STREAM; version++) {
                    for (String stream : streams) {
                        appended.add(EsDatabases.append(connection, stream, version, "{\"v\":" + (version + 1) + "}").eventId());
                        count.incrementAndGet();
                        relay.wake();
                        Thread.sleep(count.get() < TOTAL / 4 ? 10 : 40);
                    }
                }
            }
            return null;
        });

        // the relay is publishing continuously; stop the broker under it
        await().atMost(Duration.ofSeconds(60)).until(() -> count.get() >= TOTAL / 5 && EsDatabases.checkpointPosition(db) > 0);
        long checkpointAtStop = EsDatabases.checkpointPosition(db);
        KafkaResource.stopBroker();
        LOG.infof("Broker stopped with %d of %d appended, checkpoint at %d", count.get(), TOTAL, checkpointAtStop);
        // longer than max.block.ms (10 s) + delivery.timeout.ms (8 s): sends and commits time out meanwhile
        Thread.sleep(OutboxRelay.MAX_BLOCK_MS + OutboxRelay.DELIVERY_TIMEOUT_MS + 7_000);
        assertThat(relay.isRunning()).isTrue();
        KafkaResource.startBroker();

        writing.get(120, TimeUnit.SECONDS);
        assertThat(appended).hasSize(TOTAL);
        reader = new TopicReader(topic);
        reader.awaitIds(appended, Duration.ofSeconds(120));
        List<ConsumerRecord<String, byte[]>> records = reader.pollFor(Duration.ofSeconds(1));

        Set<String> expected = ConcurrentHashMap.newKeySet();
        appended.forEach(id -> expected.add(id.toString()));
        assertThat(TopicReader.idsOf(records)).as("every event is on the topic").containsExactlyInAnyOrderElementsOf(expected);
        List<Long> inOrder = LongStream.rangeClosed(1, EVENTS_PER_STREAM).boxed().toList();
        Map<String, List<Long>> firstDeliveries = TopicReader.firstDeliverySequencesByKey(records);
        for (String stream : streams) {
            assertThat(firstDeliveries.get(stream))
                    .as("stream %s in order (all deliveries: %s)", stream, TopicReader.sequencesByKey(records).get(stream))
                    .isEqualTo(inOrder);
        }
        LOG.infof("Mid-batch outage: %d events, %d committed records read, %d duplicates", TOTAL, records.size(),
                records.size() - TopicReader.idsOf(records).size());
        await().atMost(Duration.ofSeconds(10)).until(() -> relay.unpublished() == 0);
        assertThat(relay.isLive()).isTrue();
    }
}
