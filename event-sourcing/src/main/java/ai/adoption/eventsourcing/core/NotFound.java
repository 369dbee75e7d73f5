package ai.adoption.eventsourcing.core;

/** The addressed aggregate does not exist (404). */
public final class NotFound extends DomainException {
    public NotFound(String what, String id) {
        super(what + " " + id + " does not exist");
    }
}
