package ai.adoption.eventsourcing.store;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The batch append's contract that needs no database: rows from {@code RETURNING} are matched to their
 * events by event id, whatever order they come back in, and the statement's text does not depend on
 * the batch (the database proof is revisit-service's {@code BatchAppendTest}).
 */
class EventStoreBatchTest {

    private static final EventType TYPE = new EventType("thing.happened", 1, Object.class);

    @Test
    void returnedRowsAreMatchedByEventIdNotByPosition() {
        List<EventStore.Appending> batch = new ArrayList<>();
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            UUID id = UUID.randomUUID();
            batch.add(new EventStore.Appending("thing", "t-" + i, i + 1, new EventStore.NewEvent(id, TYPE, "{\"i\":" + i + "}",
                    Instant.parse("2026-01-01T00:00:00Z")), new EventStore.Metadata("me", null, null)));
            // the row for event i carries global position 100 + i
            rows.add(new Object[]{id, OffsetDateTime.of(2026, 1, 1, 0, 0, i, 0, ZoneOffset.UTC), 100L + i});
        }
        Collections.reverse(rows);

        List<RecordedEvent<String>> recorded = EventStore.recorded(batch, rows);

        assertThat(recorded).extracting(RecordedEvent::streamId).containsExactly("t-0", "t-1", "t-2", "t-3", "t-4");
        assertThat(recorded).extracting(RecordedEvent::globalPosition).containsExactly(100L, 101L, 102L, 103L, 104L);
        assertThat(recorded.get(3).recordedAt()).isEqualTo(Instant.parse("2026-01-01T00:00:03Z"));
        assertThat(recorded.get(3).payload()).isEqualTo("{\"i\":3}");
    }

    @Test
    void aMissingRowIsAFailureNotASilentShift() {
        UUID id = UUID.randomUUID();
        List<EventStore.Appending> batch = List.of(new EventStore.Appending("thing", "t", 1,
                new EventStore.NewEvent(id, TYPE, "{}", Instant.now()), new EventStore.Metadata("me", null, null)));
        assertThatThrownBy(() -> EventStore.recorded(batch, List.<Object[]>of(new Object[]{UUID.randomUUID(), OffsetDateTime.now(), 1L})))
                .isInstanceOf(PersistenceFailure.class).hasMessageContaining(id.toString());
    }

    @Test
    void theStatementBindsOneArrayPerColumnAndNothingPerEvent() {
        assertThat(EventStore.APPEND).contains("unnest(").contains("?13").doesNotContain("?14")
                .contains("with ordinality").contains("returning event_id");
    }

    @Test
    void occurrenceTimesAreTruncatedToMicrosecondsAsInTheReadModels() {
        org.assertj.core.api.Assertions.assertThat(EventStore.atStorePrecision(java.time.Instant.parse("2026-12-03T11:34:50.321716500Z")))
                .isEqualTo(java.time.Instant.parse("2026-12-03T11:34:50.321716Z"));
        org.assertj.core.api.Assertions.assertThat(EventStore.atStorePrecision(java.time.Instant.parse("2026-12-03T11:34:50.321716999Z")))
                .isEqualTo(java.time.Instant.parse("2026-12-03T11:34:50.321716Z"));
        org.assertj.core.api.Assertions.assertThat(EventStore.atStorePrecision(java.time.Instant.parse("2026-12-03T11:34:50.321716Z")))
                .isEqualTo(java.time.Instant.parse("2026-12-03T11:34:50.321716Z"));
    }
}
