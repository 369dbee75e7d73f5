package ai.adoption.eventsourcing.core;

/**
 * A command was refused by a domain rule. Subtypes say why; the web layer maps each to an RFC 9457
 * problem. Carries no stack trace: it is an expected outcome, not a bug.
 */
public abstract sealed class DomainException extends RuntimeException
        permits IllegalTransition, RuleViolation, AccessDenied, NotFound {

    protected DomainException(String message) {
        super(message, null, false, false);
    }
}
