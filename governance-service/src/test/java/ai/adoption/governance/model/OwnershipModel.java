package ai.adoption.governance.model;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The documented ownership semantics (README "As known at", docs/events.md), with no database: each
 * transfer (or the registration) says what its latest correction says, unless cancelled; on a date D
 * the holder is the assertion with the latest effective date on or before D, ties going to the
 * transfer recorded later (a correction keeps its transfer's place). Immutable: one value per
 * knowledge point.
 */
public record OwnershipModel(Map<String, Assertion> assertions) {

    public record Holder(String department, String owner) {
    }

    /** {@code seq}: the place of the original transfer in the system's history. */
    public record Assertion(String transferId, boolean registration, long seq, LocalDate effectiveFrom, String department, String owner,
                            boolean cancelled) {
    }

    public static OwnershipModel registered(String transferId, LocalDate on, String department, String owner) {
        Map<String, Assertion> first = new LinkedHashMap<>();
        first.put(transferId, new Assertion(transferId, true, 0, on, department, owner, false));
        return new OwnershipModel(first);
    }

    public Optional<Holder> holderOn(LocalDate date) {
        return assertions.values().stream()
                .filter(a -> !a.cancelled() && !a.effectiveFrom().isAfter(date))
                .max(Comparator.comparing(Assertion::effectiveFrom).thenComparingLong(Assertion::seq))
                .map(a -> new Holder(a.department(), a.owner()));
    }

    /** Whether the API must refuse this transfer (§2, and "already owns it"). */
    public boolean refusesTransfer(LocalDate on, String department, String owner) {
        boolean laterOneRecorded = assertions.values().stream().anyMatch(a -> !a.cancelled() && a.effectiveFrom().isAfter(on));
        Optional<Holder> holder = holderOn(on);
        return laterOneRecorded || holder.isEmpty() || holder.get().equals(new Holder(department, owner));
    }

    public OwnershipModel transferred(String transferId, LocalDate on, String department, String owner) {
        Map<String, Assertion> next = new LinkedHashMap<>(assertions);
        next.put(transferId, new Assertion(transferId, false, assertions.size(), on, department, owner, false));
        return new OwnershipModel(next);
    }

    public OwnershipModel corrected(String transferId, LocalDate on, String department, String owner, boolean cancel) {
        Assertion before = assertions.get(transferId);
        Map<String, Assertion> next = new LinkedHashMap<>(assertions);
        next.put(transferId, new Assertion(transferId, before.registration(), before.seq(), on, department, owner, cancel));
        return new OwnershipModel(next);
    }

    public List<Assertion> live() {
        return new ArrayList<>(assertions.values().stream().filter(a -> !a.cancelled()).toList());
    }
}
