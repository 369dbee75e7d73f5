package ai.adoption.dashboard.application;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A feed item before it has its id. {@code department} and {@code title} may be null: the writer
 * then takes them from what an earlier event told about the subject ({@code dashboard_subject}).
 */
public record FeedEntry(UUID eventId, String type, String department, String subject, String title, Instant occurredAt,
                        String summary) {

    public FeedEntry {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(summary, "summary");
    }
}
