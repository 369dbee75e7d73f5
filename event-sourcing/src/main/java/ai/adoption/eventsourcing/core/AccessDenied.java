package ai.adoption.eventsourcing.core;

/** The actor is authenticated but may not do this to this aggregate, e.g. another department (403). */
public final class AccessDenied extends DomainException {
    public AccessDenied(String message) {
        super(message);
    }
}
