package ai.adoption.governance.domain;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * Whether using a tool with a data class keeps to the approved-tools list on a date. {@code terms}
 * are the tool's approvals in the order they were recorded (newest last). A later approval replaces
 * the earlier terms from its {@code validFrom} on (docs/events.md, {@code tool.approved}): on a date,
 * the newest approval whose period has begun decides, and when that one has expired or is revoked,
 * the tool is not approved, even if an older, broader approval would still run. Before a later
 * approval begins, the earlier terms hold.
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
        Term deciding = null;
        for (Term term : terms) {
            if (!term.validFrom().isAfter(on)) {
                deciding = term;
            }
        }
        Term inForce = deciding != null && deciding.inForceOn(on) ? deciding : null;
        if (inForce == null) {
            return Optional.of(deciding != null
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
