package ai.adoption.experiments.domain.prompt;

import ai.adoption.experiments.domain.DataClassification;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Whether a prompt entry's tools may be used with its data class on a date, by governance's approved-tools
 * list as this service learned it from {@code tool.approved} and {@code tool.approval-revoked}. The same rule
 * as governance's own check: on a date the newest approval whose period has begun decides; when it has
 * expired or is revoked the tool is not approved, even if an older, broader one would still run.
 */
public final class ToolTerms {

    /** One approval of a tool; {@code revokedOn} the day from which it is no longer in force. */
    public record Term(List<DataClassification> allowed, LocalDate validFrom, LocalDate validUntil, LocalDate revokedOn) {

        public Term {
            allowed = List.copyOf(allowed);
        }

        boolean inForceOn(LocalDate date) {
            return !validFrom.isAfter(date) && (validUntil == null || !validUntil.isBefore(date))
                    && (revokedOn == null || revokedOn.isAfter(date));
        }
    }

    /** Why an entry's tool may not be used: the tool, the data class, and a sentence. */
    public record Breach(String tool, DataClassification dataClass, String reason) {
    }

    private ToolTerms() {
    }

    /**
     * The first of {@code tools} that may not be used with {@code dataClass} on {@code on}. {@code terms} maps a
     * tool key ({@link PromptContent#toolKey}) to its approvals, oldest first.
     */
    public static Optional<Breach> check(List<String> tools, DataClassification dataClass, Map<String, List<Term>> terms,
                                         LocalDate on) {
        for (String tool : tools) {
            Optional<Breach> breach = check(tool, dataClass, terms.getOrDefault(PromptContent.toolKey(tool), List.of()), on);
            if (breach.isPresent()) {
                return breach;
            }
        }
        return Optional.empty();
    }

    static Optional<Breach> check(String tool, DataClassification dataClass, List<Term> terms, LocalDate on) {
        Term deciding = null;
        for (Term term : terms) {
            if (!term.validFrom().isAfter(on)) {
                deciding = term;
            }
        }
        if (deciding == null) {
            return Optional.of(new Breach(tool, dataClass, tool + " is not on the approved-tools list on " + on));
        }
        if (!deciding.inForceOn(on)) {
            String why = deciding.revokedOn() != null && !deciding.revokedOn().isAfter(on)
                    ? "was revoked on " + deciding.revokedOn()
                    : "expired on " + deciding.validUntil();
            return Optional.of(new Breach(tool, dataClass, tool + "'s approval " + why));
        }
        if (dataClass != null && !deciding.allowed().contains(dataClass)) {
            return Optional.of(new Breach(tool, dataClass, tool + " is approved for " + deciding.allowed() + " data, not "
                    + dataClass));
        }
        return Optional.empty();
    }
}
