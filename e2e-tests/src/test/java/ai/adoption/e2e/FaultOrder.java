package ai.adoption.e2e;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Per-key order on the topics, among first deliveries: a record whose CloudEvent id was already seen on its key is a
 * redelivery (at-least-once allows it) and is left out; the first deliveries of a key, in offset order, must carry
 * stream versions ({@code ce_sequence}) that only go up, and, as every event of a stream is published, with no version
 * left out below the highest.
 */
final class FaultOrder {

    private FaultOrder() {
    }

    /** Keys whose first deliveries go back in sequence: one entry per step back. */
    static List<String> reorderings(List<TopicLog.Event> events) {
        List<String> found = new ArrayList<>();
        firstDeliveries(events).forEach((key, firsts) -> {
            for (int i = 1; i < firsts.size(); i++) {
                TopicLog.Event before = firsts.get(i - 1);
                TopicLog.Event after = firsts.get(i);
                if (after.sequence() <= before.sequence()) {
                    found.add(key + ": sequence " + after.sequence() + " (offset " + after.offset() + ") after "
                            + before.sequence() + " (offset " + before.offset() + ")");
                }
            }
        });
        return found;
    }

    /** Stream versions below a key's highest that never came: one entry per missing version. */
    static List<String> gaps(List<TopicLog.Event> events) {
        List<String> found = new ArrayList<>();
        firstDeliveries(events).forEach((key, firsts) -> {
            Set<Long> seen = new HashSet<>();
            long highest = 0;
            for (TopicLog.Event e : firsts) {
                seen.add(e.sequence());
                highest = Math.max(highest, e.sequence());
            }
            for (long v = 1; v <= highest; v++) {
                if (!seen.contains(v)) {
                    found.add(key + ": version " + v + " of " + highest + " missing");
                }
            }
        });
        return found;
    }

    /** Records on more than one offset with the same CloudEvent id (redeliveries: allowed, reported). */
    static long redeliveries(List<TopicLog.Event> events) {
        Set<String> ids = new HashSet<>();
        return events.stream().filter(e -> !ids.add(e.topic() + " " + e.id())).count();
    }

    private static Map<String, List<TopicLog.Event>> firstDeliveries(List<TopicLog.Event> events) {
        Map<String, List<TopicLog.Event>> byKey = new LinkedHashMap<>();
        Set<String> seen = new HashSet<>();
        events.stream()
                .sorted(Comparator.comparing(TopicLog.Event::topic).thenComparingInt(TopicLog.Event::partition)
                        .thenComparingLong(TopicLog.Event::offset))
                .filter(e -> seen.add(e.topic() + " " + e.id()))
                .forEach(e -> byKey.computeIfAbsent(e.topic() + " " + e.key(), k -> new ArrayList<>()).add(e));
        return byKey;
    }
}
