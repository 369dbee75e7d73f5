package ai.adoption.dashboard.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * One item of the activity feed, the same in the REST page and in the stream.
 *
 * @param id         the gap-free feed id (1, 2, 3, ... with no holes)
 * @param type       the event name without prefix and version, e.g. {@code idea.submitted}
 * @param department the department it belongs to, or null when the streams do not tell
 * @param subject    the aggregate id (the record key)
 * @param title      short human text (the idea's title, the system's name), or null
 * @param occurredAt when it happened (the event's {@code ce_time})
 * @param summary    one line a person can read
 */
public record ActivityItem(long id, String type, String department, String subject, String title, Instant occurredAt,
                           String summary) {

    public ActivityItem {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(summary, "summary");
    }
}
