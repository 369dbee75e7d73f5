package ai.adoption.eventsourcing.relay;

import ai.adoption.eventsourcing.support.EsDatabases;
import ai.adoption.eventsourcing.support.KafkaTopics;
import ai.adoption.eventsourcing.support.TopicReader;
import ai.adoption.testinfra.PostgresResource;

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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two relay instances on one database: one is active, the other stands by; when the active one is
 * closed in the middle of a stream of concurrent appends, the standby takes over and nothing is lost.
 */
class OutboxRelayFailoverTest {

    private static final Logger LOG = Logger.getLogger(OutboxRelayFailoverTest.class);
    private static final int WRITERS = 5;
    private static final int STREAMS_PER_WRITER = 6;
    private static final int EVENTS_PER_STREAM = 10;
    private static final int TOTAL = WRITERS * STREAMS_PER_WRITER * EVENTS_PER_STREAM;

    private final List<AutoCloseable> resources = new ArrayList<>();

    @AfterEach
    void tearDown() {
        resources.forEach(EsDatabases::closeQuietly);
    }

    @Test
    void theStandbyTakesOverWhenTheActiveRelayStopsAndNoEventIsLost() throws Exception {
        PostgresResource.Database db = EsDatabases.migrated("es_failover");
        String prefix = KafkaTopics.uniquePrefix("failover");
        String topic = KafkaTopics.create(prefix + "." + EsDatabases.STREAM_TYPE, 3);
        long lockKey = KafkaTopics.uniqueLockKey();

        OutboxRelay first = track(KafkaTopics.relay(db, prefix, Duration.ofMillis(200), lockKey));
        OutboxRelay second = track(KafkaTopics.relay(db, prefix, Duration.ofMillis(200), lockKey));
        first.start();
        await().atMost(Duration.ofSeconds(10)).until(first::isLeader);
        second.start();
        Thread.sleep(300);
        assertThat(second.isLeader()).as("one active relay per database").isFalse();
        OutboxRelay[] instances = {first, second};

        Set<UUID> appended = ConcurrentHashMap.newKeySet();
        AtomicInteger count = new AtomicInteger();
        // writers hold at two thirds until the standby has taken over, so that appends happen before,
        // during and after the hand-over
        CountDownLatch takenOver = new CountDownLatch(1);
        ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
        List<Future<?>> done = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            int writer = w;
            done.add(writers.submit(() -> {
                List<String> streams = new ArrayList<>();
                for (int s = 0; s < STREAMS_PER_WRITER; s++) {
                    streams.add("w" + writer + "-s" + s + "-" + UUID.randomUUID().toString().substring(0, 8));
                }
                try (Connection connection = db.connect()) {
                    for (int version = 0; version < EVENTS_PER_STREAM; version++) {
                        for (String stream : streams) {
                            if (count.get() >= 2 * TOTAL / 3 && !takenOver.await(30, TimeUnit.SECONDS)) {
                                throw new IllegalStateException("no take-over");
                            }
                            appended.add(EsDatabases.append(connection, stream, version,
                                    "{\"writer\":" + writer + ",\"v\":" + (version + 1) + "}").eventId());
                            int n = count.incrementAndGet();
                            // each "service instance" wakes its own relay after its commits; a standby
                            // relay forwards the wake-up to the active one by NOTIFY
                            instances[n % 2].wake();
                            Thread.sleep(2);
                        }
                    }
                }
                return null;
            }));
        }

        await().atMost(Duration.ofSeconds(30))
                .until(() -> count.get() >= TOTAL / 2 && EsDatabases.checkpointPosition(db) > 0);
        long beforeFailover = System.nanoTime();
        first.close();
        assertThat(first.isLeader()).isFalse();
        await().atMost(Duration.ofSeconds(10)).until(second::isLeader);
        int atTakeOver = count.get();
        takenOver.countDown();
        LOG.infof("Standby took over %d ms after the active relay was closed, with %d of %d events appended"
                        + " (checkpoint at position %d)", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - beforeFailover),
                atTakeOver, TOTAL, EsDatabases.checkpointPosition(db));
        assertThat(atTakeOver).as("appends continue after the take-over").isLessThan(TOTAL);

        for (Future<?> f : done) {
            f.get(60, TimeUnit.SECONDS);
        }
        writers.shutdown();
        assertThat(appended).hasSize(TOTAL);

        TopicReader reader = track(new TopicReader(topic));
        reader.awaitIds(appended, Duration.ofSeconds(30));
        List<ConsumerRecord<String, byte[]>> records = reader.pollFor(Duration.ofSeconds(1));

        Set<String> received = TopicReader.idsOf(records);
        Set<String> expected = ConcurrentHashMap.newKeySet();
        appended.forEach(id -> expected.add(id.toString()));
        int duplicates = records.size() - received.size();
        LOG.infof("Failover: %d events appended, %d records on the topic, %d duplicates", TOTAL, records.size(), duplicates);
        assertThat(received).as("every appended event is on the topic (%d duplicates across the leader change)", duplicates)
                .containsExactlyInAnyOrderElementsOf(expected);

        Map<String, List<Long>> firstDeliveries = TopicReader.firstDeliverySequencesByKey(records);
        List<Long> oneToTen = LongStream.rangeClosed(1, EVENTS_PER_STREAM).boxed().toList();
        assertThat(firstDeliveries).hasSize(WRITERS * STREAMS_PER_WRITER);
        firstDeliveries.forEach((stream, sequences) -> assertThat(sequences)
                .as("stream %s in order (all deliveries: %s)", stream, TopicReader.sequencesByKey(records).get(stream))
                .isEqualTo(oneToTen));
        // a graceful hand-over finishes the batch in flight and commits its checkpoint first
        assertThat(duplicates).as("duplicates after a graceful hand-over").isZero();
        await().atMost(Duration.ofSeconds(5)).until(() -> EsDatabases.count(db, "select count(*) from es_event e,"
                + " es_relay_checkpoint c where (e.transaction_id, e.global_position) > (c.last_transaction_id, c.last_position)") == 0);
    }

    private <T extends AutoCloseable> T track(T resource) {
        resources.add(resource);
        return resource;
    }
}
