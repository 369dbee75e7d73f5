package ai.adoption.eventsourcing.core;

/** The command is well-formed but breaks a business rule about one of its fields (maps to 422). */
public final class RuleViolation extends DomainException {
    private final String field;

    public RuleViolation(String field, String message) {
        super(message);
        this.field = field;
    }

    /** The request field at fault, as a JSON path such as {@code plannedEndDate}. */
    public String field() { return field; }
}
