package ai.adoption.governance.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.UUID;

/**
 * The state of one AI system as its decider needs it, folded from its events. Ownership, lifecycle
 * and classification are kept as effective-dated timelines (what each assertion says, as known now),
 * so every rule is checked on the business date it concerns, not against the value recorded last.
 */
public record AiSystem(UUID id, String name, LocalDate registeredOn, List<Dated<Lifecycle>> lifecycles,
                       List<Dated<Boolean>> prohibitions, Map<UUID, Assertion> ownership, Map<UUID, Incident> incidents) {

    public static final AiSystem NONE = new AiSystem(null, null, null, List.of(), List.of(), Map.of(), Map.of());

    /** What one transfer (or the registration) says, as known now. {@code order} breaks ties on one date. */
    public record Assertion(UUID transferId, boolean registration, LocalDate effectiveFrom, String department, String owner,
                            long order, boolean cancelled) {
    }

    /** A value holding from a business date; {@code order} (recording order) breaks ties on one date. */
    public record Dated<T>(LocalDate effectiveFrom, T value, long order) {
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

    /** The lifecycle on {@code date} on the effective timeline; null before the registration. */
    public Lifecycle lifecycleOn(LocalDate date) {
        Dated<Lifecycle> at = latestOn(lifecycles, date);
        return at == null ? null : at.value();
    }

    /** The lifecycle decision in force on {@code date}. */
    public Dated<Lifecycle> lifecycleDecisionOn(LocalDate date) {
        return latestOn(lifecycles, date);
    }

    /** The lifecycle on the latest date anything about it is recorded for (the end of the effective timeline). */
    public Lifecycle lifecycle() {
        return lifecycleOn(LocalDate.MAX);
    }

    public boolean prohibitedOn(LocalDate date) {
        Dated<Boolean> at = latestOn(prohibitions, date);
        return at != null && at.value();
    }

    /** The first date on which the system is RETIRED on the effective timeline, or null. */
    public LocalDate retiredFrom() {
        return lifecycles.stream().filter(d -> d.value() == Lifecycle.RETIRED).map(Dated::effectiveFrom).min(Comparator.naturalOrder())
                .orElse(null);
    }

    /** Lifecycle decisions dated after {@code date}. */
    public List<Dated<Lifecycle>> lifecyclesAfter(LocalDate date) {
        return lifecycles.stream().filter(d -> d.effectiveFrom().isAfter(date)).toList();
    }

    /** The first lifecycle decision dated after {@code date}, or null: where a decision on {@code date} stops holding. */
    public LocalDate nextLifecycleAfter(LocalDate date) {
        return lifecycles.stream().map(Dated::effectiveFrom).filter(d -> d.isAfter(date)).min(Comparator.naturalOrder()).orElse(null);
    }

    /** Whether the system is prohibited on any date in [from, until); until null means open-ended. */
    public boolean prohibitedDuring(LocalDate from, LocalDate until) {
        if (prohibitedOn(from)) {
            return true;
        }
        return prohibitions.stream().anyMatch(d -> d.value() && d.effectiveFrom().isAfter(from)
                && (until == null || d.effectiveFrom().isBefore(until)) && prohibitedOn(d.effectiveFrom()));
    }

    /** The departments that hold the system on any date in [from, until); until null means open-ended. */
    public List<String> departmentsDuring(LocalDate from, LocalDate until) {
        TreeSet<String> departments = new TreeSet<>(Comparator.nullsFirst(Comparator.naturalOrder()));
        Holder first = holderOn(from);
        departments.add(first == null ? null : first.department());
        for (Assertion a : ownership.values()) {
            if (a.effectiveFrom().isAfter(from) && (until == null || a.effectiveFrom().isBefore(until))) {
                Holder h = holderOn(a.effectiveFrom());
                departments.add(h == null ? null : h.department());
            }
        }
        return new ArrayList<>(departments);
    }

    /**
     * Every date on which the holder differs between this state and {@code other}, with the holders
     * on both sides: the whole period of accountability that going from one to the other rewrites.
     * Holders only change on assertion dates, so checking the union of those dates covers every day.
     */
    public List<HolderChange> holderChanges(AiSystem other) {
        TreeSet<LocalDate> dates = new TreeSet<>();
        ownership.values().forEach(a -> dates.add(a.effectiveFrom()));
        other.ownership.values().forEach(a -> dates.add(a.effectiveFrom()));
        List<HolderChange> changes = new ArrayList<>();
        for (LocalDate date : dates) {
            Holder before = holderOn(date);
            Holder after = other.holderOn(date);
            if (!Objects.equals(before, after)) {
                changes.add(new HolderChange(date, before, after));
            }
        }
        return changes;
    }

    public record HolderChange(LocalDate from, Holder before, Holder after) {
    }

    AiSystem withLifecycle(LocalDate effectiveFrom, Lifecycle to) {
        List<Dated<Lifecycle>> next = new ArrayList<>(lifecycles);
        next.add(new Dated<>(effectiveFrom, to, nextOrder()));
        return new AiSystem(id, name, registeredOn, List.copyOf(next), prohibitions, ownership, incidents);
    }

    AiSystem withProhibited(LocalDate effectiveFrom, boolean value) {
        List<Dated<Boolean>> next = new ArrayList<>(prohibitions);
        next.add(new Dated<>(effectiveFrom, value, nextOrder()));
        return new AiSystem(id, name, registeredOn, lifecycles, List.copyOf(next), ownership, incidents);
    }

    AiSystem withAssertion(Assertion assertion) {
        Map<UUID, Assertion> next = new LinkedHashMap<>(ownership);
        next.put(assertion.transferId(), assertion);
        return new AiSystem(id, name, registeredOn, lifecycles, prohibitions, next, incidents);
    }

    AiSystem withIncident(Incident incident) {
        Map<UUID, Incident> next = new LinkedHashMap<>(incidents);
        next.put(incident.id(), incident);
        return new AiSystem(id, name, registeredOn, lifecycles, prohibitions, ownership, next);
    }

    long nextOrder() {
        long max = ownership.values().stream().mapToLong(Assertion::order).max().orElse(0);
        max = Math.max(max, lifecycles.stream().mapToLong(Dated::order).max().orElse(0));
        return Math.max(max, prohibitions.stream().mapToLong(Dated::order).max().orElse(0)) + 1;
    }

    private static <T> Dated<T> latestOn(List<Dated<T>> timeline, LocalDate date) {
        return timeline.stream().filter(d -> !d.effectiveFrom().isAfter(date))
                .max(Comparator.comparing((Dated<T> d) -> d.effectiveFrom()).thenComparingLong(Dated::order))
                .orElse(null);
    }
}
