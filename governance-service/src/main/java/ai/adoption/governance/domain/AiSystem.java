package ai.adoption.governance.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The state of one AI system as its decider needs it, folded from its events. Ownership is kept as
 * the current knowledge of each assertion (a transfer, or the registration), so the owner on any
 * date can be worked out: that is whom a new transfer moves the system away from.
 */
public record AiSystem(UUID id, String name, LocalDate registeredOn, Lifecycle lifecycle, boolean prohibited,
                       Map<UUID, Assertion> ownership, Map<UUID, Incident> incidents) {

    public static final AiSystem NONE = new AiSystem(null, null, null, null, false, Map.of(), Map.of());

    /** What one transfer (or the registration) says, as known now. {@code order} breaks ties on one date. */
    public record Assertion(UUID transferId, boolean registration, LocalDate effectiveFrom, String department, String owner,
                            long order, boolean cancelled) {
    }

    public record Incident(UUID id, Instant occurredAt) {
    }

    public record Holder(String department, String owner) {
    }

    public boolean exists() {
        return id != null;
    }

    /** Who owns the system on {@code date}, as recorded now; null before its registration. */
    public Holder holderOn(LocalDate date) {
        return ownership.values().stream()
                .filter(a -> !a.cancelled() && !a.effectiveFrom().isAfter(date))
                .max(Comparator.comparing(Assertion::effectiveFrom).thenComparingLong(Assertion::order))
                .map(a -> new Holder(a.department(), a.owner()))
                .orElse(null);
    }

    AiSystem withLifecycle(Lifecycle to) {
        return new AiSystem(id, name, registeredOn, to, prohibited, ownership, incidents);
    }

    AiSystem withProhibited(boolean value) {
        return new AiSystem(id, name, registeredOn, lifecycle, value, ownership, incidents);
    }

    AiSystem withAssertion(Assertion assertion) {
        Map<UUID, Assertion> next = new LinkedHashMap<>(ownership);
        next.put(assertion.transferId(), assertion);
        return new AiSystem(id, name, registeredOn, lifecycle, prohibited, next, incidents);
    }

    AiSystem withIncident(Incident incident) {
        Map<UUID, Incident> next = new LinkedHashMap<>(incidents);
        next.put(incident.id(), incident);
        return new AiSystem(id, name, registeredOn, lifecycle, prohibited, ownership, next);
    }

    long nextOrder() {
        return ownership.values().stream().mapToLong(Assertion::order).max().orElse(0) + 1;
    }
}
