package ai.adoption.eventsourcing.consumer;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A record's place on a dead-letter topic, written {@code partition:offset} ({@code 0:17}).
 * Positions order by partition, then offset: that is the order in which a topic is listed and replayed.
 */
public record DeadLetterPosition(int partition, long offset) implements Comparable<DeadLetterPosition> {

    private static final Pattern TEXT = Pattern.compile("(0|[1-9][0-9]{0,8}):(0|[1-9][0-9]{0,17})");

    public static final DeadLetterPosition START = new DeadLetterPosition(0, 0);

    public DeadLetterPosition {
        if (partition < 0 || offset < 0) {
            throw new IllegalArgumentException("negative position " + partition + ":" + offset);
        }
    }

    /** Parses {@code partition:offset}; {@link IllegalArgumentException} when the text is not one. */
    public static DeadLetterPosition parse(String text) {
        Matcher m = text == null ? null : TEXT.matcher(text);
        if (m == null || !m.matches()) {
            throw new IllegalArgumentException("expected partition:offset, such as 0:17");
        }
        return new DeadLetterPosition(Integer.parseInt(m.group(1)), Long.parseLong(m.group(2)));
    }

    public DeadLetterPosition next() {
        return new DeadLetterPosition(partition, offset + 1);
    }

    @Override
    public int compareTo(DeadLetterPosition other) {
        int byPartition = Integer.compare(partition, other.partition);
        return byPartition != 0 ? byPartition : Long.compare(offset, other.offset);
    }

    @Override
    public String toString() {
        return partition + ":" + offset;
    }
}
