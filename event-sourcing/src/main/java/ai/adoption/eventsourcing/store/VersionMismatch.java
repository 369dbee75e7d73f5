package ai.adoption.eventsourcing.store;

/** The caller's {@code If-Match} version is not the stream's current version (maps to 412). */
public class VersionMismatch extends RuntimeException {
    private final long expected;
    private final long actual;

    public VersionMismatch(long expected, long actual) {
        super("If-Match expected version " + expected + " but the current version is " + actual, null, false, false);
        this.expected = expected;
        this.actual = actual;
    }

    public long expected() { return expected; }
    public long actual() { return actual; }
}
