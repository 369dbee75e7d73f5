package ai.adoption.dashboard.messaging;

import ai.adoption.contracts.EventCatalogue;
import ai.adoption.dashboard.application.FeedEntry;
import ai.adoption.eventsourcing.consumer.ConsumedEvent;

/** Builds a consumed event's feed entry: its type name, subject, when it happened. */
final class Feeds {

    static final String SERVICE = "dashboard-service";

    private Feeds() {
    }

    static FeedEntry entry(ConsumedEvent event, String department, Object subject, String title, String summary) {
        return new FeedEntry(event.id(), name(event.type()), blankToNull(department), subject.toString(), blankToNull(title),
                event.happenedAt(), summary);
    }

    /** {@code ai.adoption.idea.submitted.v1} -> {@code idea.submitted}. */
    static String name(String type) {
        return EventCatalogue.byType(type).map(c -> c.name()).orElse(type);
    }

    static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    /** Quoted, shortened text for a summary line, or the fallback. */
    static String quoted(String text, String fallback) {
        String t = blankToNull(text);
        if (t == null) {
            return fallback;
        }
        t = t.replaceAll("\\s+", " ");
        return "\"" + (t.length() > 80 ? t.substring(0, 79) + "…" : t) + "\"";
    }

    static String in(String department) {
        return department == null || department.isBlank() ? "" : " in " + department.strip();
    }
}
