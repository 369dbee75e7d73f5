package ai.adoption.experiments.domain.prompt;

/**
 * An entry cannot be approved: one of its tools may not be used with its data class (409, naming both).
 * The state of governance's approved-tools list forbids it, as {@code IllegalTransition} would.
 */
public final class ToolNotAllowed extends RuntimeException {

    private final transient ToolTerms.Breach breach;

    public ToolNotAllowed(ToolTerms.Breach breach) {
        super("Cannot approve: " + breach.reason() + " (the entry is for " + breach.dataClass() + " data)", null, false, false);
        this.breach = breach;
    }

    public ToolTerms.Breach breach() {
        return breach;
    }
}
