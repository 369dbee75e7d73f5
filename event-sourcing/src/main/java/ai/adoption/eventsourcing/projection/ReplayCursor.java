package ai.adoption.eventsourcing.projection;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * How far a chunked rebuild has replayed, in the relay's order: (transaction id, global position),
 * below the xmin gate. A position is handed out at insert, not at commit, so a lower position can
 * commit after a higher one; but a transaction id below {@code pg_snapshot_xmin} belongs to a
 * finished transaction, so the events up to the cursor never change. Events applied ahead of the
 * cursor (earlier versions of a stream whose next version had the lower transaction id) are
 * remembered until the cursor passes them, so that they are not applied twice.
 */
final class ReplayCursor {

    /** One event's place in (transaction id, position) order. */
    record Place(long transactionId, long position) implements Comparable<Place> {
        @Override
        public int compareTo(Place other) {
            int byTransaction = Long.compareUnsigned(transactionId, other.transactionId);
            return byTransaction != 0 ? byTransaction : Long.compare(position, other.position);
        }
    }

    private Place place = new Place(0, 0);
    private final Map<UUID, Place> appliedAhead = new HashMap<>();

    Place place() {
        return place;
    }

    String transactionId() {
        return Long.toUnsignedString(place.transactionId());
    }

    long position() {
        return place.position();
    }

    boolean appliedAhead(UUID eventId) {
        return appliedAhead.containsKey(eventId);
    }

    void aheadApplied(UUID eventId, Place at) {
        appliedAhead.put(eventId, at);
    }

    /** Moves the cursor to {@code to} and forgets the events applied ahead that it has now passed. */
    void advance(Place to) {
        if (to.compareTo(place) > 0) {
            place = to;
        }
        appliedAhead.values().removeIf(at -> at.compareTo(place) <= 0);
    }

    int aheadCount() {
        return appliedAhead.size();
    }
}
