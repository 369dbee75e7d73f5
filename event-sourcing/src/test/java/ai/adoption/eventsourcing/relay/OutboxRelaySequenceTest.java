package ai.adoption.eventsourcing.relay;

import ai.adoption.eventsourcing.cloudevents.CloudEvents;
import ai.adoption.eventsourcing.store.RecordedEvent;
import ai.adoption.eventsourcing.support.EsDatabases;
import ai.adoption.eventsourcing.support.KafkaTopics;
import ai.adoption.eventsourcing.support.TopicReader;
import ai.adoption.testinfra.PostgresResource;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** ce_sequence values compare lexicographically, as the CloudEvents sequence extension requires. */
class OutboxRelaySequenceTest {

    private OutboxRelay relay;
    private TopicReader reader;

    @AfterEach
    void tearDown() {
        EsDatabases.closeQuietly(reader);
        EsDatabases.closeQuietly(relay);
    }

    @Test
    void sequenceValuesAreZeroPaddedSoThatTheyCompareLexicographically() {
        assertThat(CloudEvents.sequence(9)).isEqualTo("0000000000000000009");
        assertThat(CloudEvents.sequence(10).compareTo(CloudEvents.sequence(9))).isPositive();
        assertThat(CloudEvents.sequence(Long.MAX_VALUE)).isEqualTo(Long.toString(Long.MAX_VALUE));
        assertThat(CloudEvents.streamVersion(headers("0000000000000000042"))).hasValue(42);
        assertThat(CloudEvents.streamVersion(headers("42"))).as("records published before the padding").hasValue(42);
        assertThat(CloudEvents.streamVersion(new RecordHeaders())).isEmpty();
        assertThatThrownBy(() -> CloudEvents.streamVersion(headers("-1"))).isInstanceOf(CloudEvents.MalformedCloudEvent.class);
    }

    @Test
    void aStreamOfMoreThanNineEventsIsPublishedWithLexicographicallyIncreasingSequences() throws Exception {
        PostgresResource.Database db = EsDatabases.migrated("es_sequence");
        String prefix = KafkaTopics.uniquePrefix("sequence");
        String topic = KafkaTopics.create(prefix + "." + EsDatabases.STREAM_TYPE, 1);
        String stream = "seq-" + UUID.randomUUID();
        List<UUID> ids = new ArrayList<>();
        try (Connection c = db.connect()) {
            for (int version = 0; version < 12; version++) {
                RecordedEvent<String> e = EsDatabases.append(c, stream, version, "{}");
                ids.add(e.eventId());
            }
        }
        relay = KafkaTopics.relay(db, prefix, Duration.ofMillis(200), KafkaTopics.uniqueLockKey());
        relay.start();
        reader = new TopicReader(topic);
        List<ConsumerRecord<String, byte[]>> records = reader.awaitIds(ids, Duration.ofSeconds(30));

        List<String> sequences = records.stream().map(r -> TopicReader.header(r, CloudEvents.SEQUENCE)).toList();
        assertThat(sequences).hasSize(12).isSorted().allSatisfy(s -> assertThat(s).hasSize(CloudEvents.SEQUENCE_DIGITS));
        assertThat(records.stream().map(r -> CloudEvents.streamVersion(r.headers()).orElseThrow()).toList())
                .isEqualTo(LongStream.rangeClosed(1, 12).boxed().toList());
    }

    private static RecordHeaders headers(String sequence) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(CloudEvents.SEQUENCE, sequence.getBytes(StandardCharsets.UTF_8));
        return headers;
    }
}
