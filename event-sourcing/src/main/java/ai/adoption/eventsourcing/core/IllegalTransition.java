package ai.adoption.eventsourcing.core;

/** The command is not allowed in the aggregate's current state (maps to 409). */
public final class IllegalTransition extends DomainException {
    private final String aggregate;
    private final String currentState;
    private final String attempted;

    public IllegalTransition(String aggregate, String currentState, String attempted) {
        super("Cannot " + attempted + ": the " + aggregate + " is " + currentState);
        this.aggregate = aggregate;
        this.currentState = currentState;
        this.attempted = attempted;
    }

    public String aggregate() { return aggregate; }
    public String currentState() { return currentState; }
    public String attempted() { return attempted; }
}
