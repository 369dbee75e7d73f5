package ai.adoption.eventsourcing.store;

/**
 * Another writer appended to the same stream first: the (stream, version) unique constraint
 * refused this append. Maps to 409; the caller may re-read and retry.
 */
public class ConcurrencyConflict extends RuntimeException {
    private final String streamType;
    private final String streamId;

    public ConcurrencyConflict(String streamType, String streamId) {
        super("The " + streamType + " " + streamId + " was changed concurrently; re-read it and retry", null, false, false);
        this.streamType = streamType;
        this.streamId = streamId;
    }

    public String streamType() { return streamType; }
    public String streamId() { return streamId; }
}
