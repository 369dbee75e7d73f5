package ai.adoption.governance.domain;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * Whether using a tool with a data class keeps to the approved-tools list on a date. {@code terms}
 * are the tool's approvals (newest last); the newest one in force on the date decides.
 */
public final class ToolPolicy {

    /** One approval of the tool, with the day it ends (its validUntil or revocation), if any. */
    public record Term(List<DataClass> allowed, LocalDate validFrom, LocalDate validUntil, LocalDate revokedOn) {

        boolean inForceOn(LocalDate date) {
            return !validFrom.isAfter(date) && (validUntil == null || !validUntil.isBefore(date))
                    && (revokedOn == null || revokedOn.isAfter(date));
        }
    }

    /** What is wrong, and which data classes are allowed (empty when the tool is not approved). */
    public record Breach(FindingKind kind, List<DataClass> allowed, String message) {
    }

    private ToolPolicy() {
    }

    public static Optional<Breach> check(String tool, DataClass dataClass, List<Term> terms, LocalDate on) {
        Term inForce = null;
        for (Term term : terms) {
            if (term.inForceOn(on)) {
                inForce = term;
            }
        }
        if (inForce == null) {
            boolean earlier = terms.stream().anyMatch(t -> !t.validFrom().isAfter(on));
            return Optional.of(earlier
                    ? new Breach(FindingKind.TOOL_APPROVAL_EXPIRED, List.of(), tool + "'s approval is no longer in force on " + on)
                    : new Breach(FindingKind.TOOL_NOT_APPROVED, List.of(), tool + " is not on the approved-tools list"));
        }
        if (dataClass != null && !inForce.allowed().contains(dataClass)) {
            return Optional.of(new Breach(FindingKind.DATA_CLASS_NOT_ALLOWED, inForce.allowed(),
                    tool + " is approved for " + inForce.allowed() + " data, not " + dataClass));
        }
        return Optional.empty();
    }
}
