package ai.adoption.revisit.application;

import ai.adoption.revisit.domain.Interval;
import ai.adoption.revisit.domain.IntervalSource;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Resolves the interval a case without its own interval waits: the department's policy if it has
 * one, else the global default {@code revisit.default-interval}. (A case's own interval beats both;
 * the decider applies that.) Runs on the caller's session, serialised per department against policy
 * changes ({@link Serialisation}).
 */
@ApplicationScoped
public class IntervalPolicy {

    /** An interval and the policy it came from. */
    public record Resolved(String interval, IntervalSource source) {
    }

    private final String globalDefault;

    @Inject
    public IntervalPolicy(@ConfigProperty(name = "revisit.default-interval", defaultValue = "P3M") String globalDefault) {
        if (!Interval.isValid(globalDefault)) {
            throw new IllegalArgumentException("revisit.default-interval must be an ISO-8601 period or duration between PT1S "
                    + "and P5Y, e.g. P3M; got " + globalDefault);
        }
        this.globalDefault = Interval.parseOrNull(globalDefault).text();
    }

    public String globalDefault() {
        return globalDefault;
    }

    public Resolved global() {
        return new Resolved(globalDefault, IntervalSource.GLOBAL);
    }

    /**
     * The department's interval now, on the caller's transaction, which shares the department's policy
     * lock until it ends: a policy change waits for it, so what this resolves cannot go stale unseen.
     */
    public Uni<Resolved> forDepartment(String department) {
        return Serialisation.shared(Serialisation.POLICY, department)
                .chain(() -> PolicyRow.<PolicyRow>findById(department))
                .map(row -> row != null && row.interval != null ? new Resolved(row.interval, IntervalSource.DEPARTMENT) : global());
    }

    /** Taken by a policy change before it loads the policy: waits for the cases being opened or re-evaluated with the old one. */
    public Uni<Void> lockForChange(String department) {
        return Serialisation.exclusive(Serialisation.POLICY, department);
    }
}
