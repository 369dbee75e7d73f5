package ai.adoption.dashboard.domain;

/**
 * The adoption funnel, counted by transitions (each event that moves an idea counts once on its day,
 * so an idea rejected, reopened and approved counts in rejected, reopened and approved): the main
 * path and the revisit loop. {@link #key} is the JSON name.
 */
public enum Transition {
    SUBMITTED("submitted"),
    APPROVED("approved"),
    EXPERIMENT_STARTED("experimentStarted"),
    CONCLUDED("concluded"),
    SCALED("scaled"),
    REJECTED("rejected"),
    REVISIT_DUE("revisitDue"),
    REOPENED("reopened");

    private final String key;

    Transition(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }

    /** The steps whose conversion the dashboard shows: to / from, both counted in the same period. */
    public static final Transition[][] STEPS = {
            {SUBMITTED, APPROVED}, {APPROVED, EXPERIMENT_STARTED}, {EXPERIMENT_STARTED, CONCLUDED}, {CONCLUDED, SCALED},
            {REJECTED, REVISIT_DUE}, {REVISIT_DUE, REOPENED}};
}
