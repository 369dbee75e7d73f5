package ai.adoption.governance.domain;

import ai.adoption.eventsourcing.core.Decider;
import ai.adoption.eventsourcing.core.IllegalTransition;
import ai.adoption.eventsourcing.core.NotFound;
import ai.adoption.eventsourcing.core.RuleViolation;
import ai.adoption.governance.domain.SystemCommand.ApplyExperimentOutcome;
import ai.adoption.governance.domain.SystemCommand.ChangeLifecycle;
import ai.adoption.governance.domain.SystemCommand.Classify;
import ai.adoption.governance.domain.SystemCommand.CorrectOwnership;
import ai.adoption.governance.domain.SystemCommand.RecordIncident;
import ai.adoption.governance.domain.SystemCommand.RecordIncidentNotifications;
import ai.adoption.governance.domain.SystemCommand.RecordObligations;
import ai.adoption.governance.domain.SystemCommand.RegisterPilot;
import ai.adoption.governance.domain.SystemCommand.RegisterSystem;
import ai.adoption.governance.domain.SystemCommand.TransferOwnership;
import ai.adoption.governance.domain.SystemEvent.IncidentNotificationsRecorded;
import ai.adoption.governance.domain.SystemEvent.IncidentRecorded;
import ai.adoption.governance.domain.SystemEvent.LifecycleChanged;
import ai.adoption.governance.domain.SystemEvent.ObligationsRecorded;
import ai.adoption.governance.domain.SystemEvent.OwnershipCorrected;
import ai.adoption.governance.domain.SystemEvent.OwnershipTransferred;
import ai.adoption.governance.domain.SystemEvent.SystemClassified;
import ai.adoption.governance.domain.SystemEvent.SystemRegistered;

import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The rules of an AI system on the register:
 * <ul>
 * <li>a system is registered once; a duplicate registration from the same experiment adds nothing;</li>
 * <li>RETIRED is final; a system with a prohibited practice (Article 5) can never go to SCALING or PRODUCTION;</li>
 * <li>any "yes" in the Article 5 screening makes the system PROHIBITED, whatever tier was asked for; a
 * HIGH-risk system names its Annex III area, no other tier does;</li>
 * <li>logs of a system are kept at least six months (Article 26(6));</li>
 * <li>ownership changes take effect on a date, which may lie in the past or future but not before the
 * registration; within a department its approver decides, between departments a compliance officer;</li>
 * <li>a correction replaces what a transfer recorded, or cancels it; the registration cannot be cancelled.</li>
 * </ul>
 */
public final class SystemDecider implements Decider<SystemCommand, SystemEvent, AiSystem> {

    private static final String SYSTEM = "AI system";
    private static final Set<Lifecycle> TOWARD_PRODUCTION = EnumSet.of(Lifecycle.SCALING, Lifecycle.PRODUCTION);
    public static final int MIN_LOG_RETENTION_MONTHS = 6;

    @Override
    public AiSystem initialState() {
        return AiSystem.NONE;
    }

    @Override
    public List<SystemEvent> decide(SystemCommand command, AiSystem state) {
        if (command instanceof RegisterPilot pilot) {
            if (state.exists()) {
                return List.of();
            }
            return List.of(new SystemRegistered(pilot.systemId(), Text.required("name", pilot.name()), Text.required("tool", pilot.tool()),
                    null, null, Text.optional(pilot.scope()), Text.present("dataClassification", pilot.dataClassification()),
                    SystemOrigin.EXPERIMENT, pilot.experimentId(), pilot.ideaId(), Text.optional(pilot.lead()), Lifecycle.PILOT,
                    Text.required("department", pilot.department()), Text.optional(pilot.owner()), pilot.systemId(),
                    Text.present("startDate", pilot.startDate())));
        }
        if (command instanceof RegisterSystem register) {
            if (state.exists()) {
                throw new IllegalTransition(SYSTEM, "REGISTERED", "register");
            }
            String department = Text.required("department", register.department());
            Access.requireApproverOf(register.actor(), department, "register an AI system for the " + department + " department");
            Lifecycle lifecycle = register.lifecycle() == null ? Lifecycle.PILOT : register.lifecycle();
            if (lifecycle == Lifecycle.RETIRED) {
                throw new RuleViolation("lifecycle", "a system is registered as PILOT, SCALING or PRODUCTION");
            }
            return List.of(new SystemRegistered(register.systemId(), Text.required("name", register.name()),
                    Text.required("tool", register.tool()), Text.optional(register.vendor()), Text.optional(register.purpose()),
                    Text.optional(register.scope()), Text.present("dataClassification", register.dataClassification()),
                    SystemOrigin.MANUAL, null, null, null, lifecycle, department, Text.required("owner", register.owner()),
                    register.systemId(), Text.present("effectiveFrom", register.effectiveFrom())));
        }
        if (!state.exists()) {
            throw new NotFound(SYSTEM, "?");
        }
        if (command instanceof ApplyExperimentOutcome outcome) {
            LocalDate effective = notBeforeRegistration(state, outcome.effectiveFrom());
            // a person's lifecycle decision outranks an experiment's outcome: the outcome moves only the experiment's own pilot
            if (state.lifecycleOn(effective) != Lifecycle.PILOT || !state.lifecyclesAfter(effective).isEmpty()
                    || (TOWARD_PRODUCTION.contains(outcome.to()) && state.prohibitedDuring(effective, null))) {
                return List.of();
            }
            return List.of(new LifecycleChanged(state.id(), Lifecycle.PILOT, outcome.to(), outcome.reason(), effective));
        }
        if (command instanceof ChangeLifecycle change) {
            LocalDate effective = onOrAfterRegistration(state, change.effectiveFrom());
            LocalDate until = state.nextLifecycleAfter(effective);
            Access.requireApproverOfAll(change.actor(), state.departmentsDuring(effective, until),
                    "move this system through its lifecycle from " + effective);
            Lifecycle to = Text.present("lifecycle", change.to());
            LocalDate retired = state.retiredFrom();
            if (retired != null && !effective.isBefore(retired)) {
                throw new IllegalTransition(SYSTEM, Lifecycle.RETIRED.name(), "move to " + to + " (retired from " + retired + ")");
            }
            if (to == Lifecycle.RETIRED && until != null) {
                throw new RuleViolation("effectiveFrom", "RETIRED is final, and this system moves to "
                        + state.lifecycleOn(until) + " on " + until + ": it cannot be retired before that");
            }
            if (TOWARD_PRODUCTION.contains(to) && state.prohibitedDuring(effective, until)) {
                throw new RuleViolation("lifecycle", "this system's Article 5 screening found a prohibited practice: it can never go to "
                        + to);
            }
            Lifecycle from = state.lifecycleOn(effective);
            if (to == from) {
                return List.of();
            }
            return List.of(new LifecycleChanged(state.id(), from, to, Text.optional(change.reason()), effective));
        }
        if (command instanceof Classify classify) {
            Access.requireComplianceOfficer(classify.actor(), "classify an AI system");
            Article5Screening screening = Text.present("screening", classify.screening()).requireComplete("screening");
            RiskTier tier = Text.present("riskTier", classify.riskTier());
            boolean prohibited = screening.anyYes() || tier == RiskTier.PROHIBITED;
            if (prohibited) {
                tier = RiskTier.PROHIBITED;
            }
            if (tier == RiskTier.HIGH && classify.annexIIIArea() == null) {
                throw new RuleViolation("annexIIIArea", "a high-risk system names its Annex III area");
            }
            if (tier != RiskTier.HIGH && classify.annexIIIArea() != null && !screening.anyYes()) {
                throw new RuleViolation("annexIIIArea", "only a high-risk system has an Annex III area");
            }
            Set<TransparencyDuty> duties = classify.transparencyDuties() == null ? Set.of() : Set.copyOf(classify.transparencyDuties());
            return List.of(new SystemClassified(state.id(), Text.present("role", classify.role()), tier,
                    tier == RiskTier.HIGH ? classify.annexIIIArea() : null, screening, duties, prohibited,
                    Text.optional(classify.reason()), onOrAfterRegistration(state, classify.effectiveFrom())));
        }
        if (command instanceof RecordObligations obligations) {
            Access.requireComplianceOfficer(obligations.actor(), "record a system's deployer obligations");
            if (obligations.logRetentionMonths() != null && obligations.logRetentionMonths() < MIN_LOG_RETENTION_MONTHS) {
                throw new RuleViolation("logRetentionMonths", "logs are kept at least six months (Article 26(6))");
            }
            if (obligations.friaStatus() == FriaStatus.COMPLETED && Text.optional(obligations.friaSummary()) == null) {
                throw new RuleViolation("friaSummary", "a completed fundamental-rights impact assessment has a summary");
            }
            List<String> oversight = obligations.oversightPersons() == null ? List.of()
                    : obligations.oversightPersons().stream().map(p -> Text.required("oversightPersons", p)).distinct().toList();
            return List.of(new ObligationsRecorded(state.id(), oversight, obligations.workersInformedOn(),
                    obligations.logRetentionMonths(), obligations.friaStatus(), Text.optional(obligations.friaSummary()),
                    !Boolean.FALSE.equals(obligations.euRegistrationApplies()), Text.optional(obligations.euDatabaseRef()),
                    onOrAfterRegistration(state, obligations.effectiveFrom())));
        }
        if (command instanceof RecordIncident incident) {
            Access.requireComplianceOfficer(incident.actor(), "record an incident");
            if (state.incidents().containsKey(incident.incidentId())) {
                throw new IllegalTransition("incident", "RECORDED", "record again");
            }
            Instant occurred = Text.present("occurredAt", incident.occurredAt());
            notBefore("providerInformedAt", incident.providerInformedAt(), occurred);
            notBefore("authorityInformedAt", incident.authorityInformedAt(), occurred);
            return List.of(new IncidentRecorded(state.id(), incident.incidentId(), Text.required("summary", incident.summary()), occurred,
                    incident.serious(), incident.providerInformedAt(), incident.authorityInformedAt()));
        }
        if (command instanceof RecordIncidentNotifications notified) {
            Access.requireComplianceOfficer(notified.actor(), "record who was told of an incident");
            AiSystem.Incident incident = state.incidents().get(notified.incidentId());
            if (incident == null) {
                throw new NotFound("incident", String.valueOf(notified.incidentId()));
            }
            if (notified.providerInformedAt() == null && notified.authorityInformedAt() == null) {
                throw new RuleViolation("providerInformedAt", "providerInformedAt or authorityInformedAt is required");
            }
            notBefore("providerInformedAt", notified.providerInformedAt(), incident.occurredAt());
            notBefore("authorityInformedAt", notified.authorityInformedAt(), incident.occurredAt());
            return List.of(new IncidentNotificationsRecorded(state.id(), incident.id(), notified.providerInformedAt(),
                    notified.authorityInformedAt()));
        }
        if (command instanceof TransferOwnership transfer) {
            LocalDate effective = onOrAfterRegistration(state, transfer.effectiveFrom());
            String toDepartment = Text.required("toDepartment", transfer.toDepartment());
            String toOwner = Text.required("toOwner", transfer.toOwner());
            AiSystem.Holder from = state.holderOn(effective);
            Access.requireOwnershipAuthority(transfer.actor(), from.department(), toDepartment);
            if (state.ownership().containsKey(transfer.transferId())) {
                throw new IllegalTransition("transfer", "RECORDED", "record again");
            }
            // §2: a transfer already recorded for a later date would silently take the system back from the
            // new holder on that date; the caller cancels or corrects that transfer first (docs/events.md)
            state.ownership().values().stream()
                    .filter(a -> !a.cancelled() && a.effectiveFrom().isAfter(effective))
                    .min(java.util.Comparator.comparing(AiSystem.Assertion::effectiveFrom))
                    .ifPresent(later -> {
                        throw new RuleViolation("effectiveFrom", "transfer " + later.transferId() + " already takes effect on "
                                + later.effectiveFrom() + ", after " + effective + ": cancel or correct it first");
                    });
            if (toDepartment.equals(from.department()) && toOwner.equals(from.owner())) {
                throw new RuleViolation("toOwner", toOwner + " of " + toDepartment + " already owns this system on " + effective);
            }
            return rewriting(state, transfer.actor(), new OwnershipTransferred(state.id(), transfer.transferId(), from.department(),
                    from.owner(), toDepartment, toOwner, decidedBy(transfer.decidedBy(), transfer.actor()),
                    Text.required("reason", transfer.reason()), effective));
        }
        if (command instanceof CorrectOwnership correct) {
            AiSystem.Assertion current = state.ownership().get(correct.transferId());
            if (current == null || current.cancelled()) {
                throw new NotFound("ownership record", String.valueOf(correct.transferId()));
            }
            if (correct.cancel()) {
                if (current.registration()) {
                    throw new RuleViolation("cancel", "the registration's ownership can be corrected, not cancelled");
                }
                return rewriting(state, correct.actor(), new OwnershipCorrected(state.id(), current.transferId(), current.department(),
                        current.owner(), current.effectiveFrom(), true, decidedBy(correct.decidedBy(), correct.actor()),
                        Text.required("reason", correct.reason())));
            }
            String department = Text.optional(correct.department()) != null ? correct.department().strip() : current.department();
            String owner = Text.optional(correct.owner()) != null ? correct.owner().strip() : current.owner();
            LocalDate effective = correct.effectiveFrom() != null ? onOrAfterRegistration(state, correct.effectiveFrom())
                    : current.effectiveFrom();
            if (current.registration() && !effective.equals(current.effectiveFrom()) && effective.isAfter(current.effectiveFrom())) {
                throw new RuleViolation("effectiveFrom", "the registration's ownership cannot start later than the registration");
            }
            Access.requireOwnershipAuthority(correct.actor(), current.department(), department);
            if (Objects.equals(department, current.department()) && Objects.equals(owner, current.owner())
                    && effective.equals(current.effectiveFrom())) {
                return List.of();
            }
            return rewriting(state, correct.actor(), new OwnershipCorrected(state.id(), current.transferId(), department, owner,
                    effective, false, decidedBy(correct.decidedBy(), correct.actor()), Text.required("reason", correct.reason())));
        }
        throw new IllegalArgumentException("Unknown command " + command);
    }

    @Override
    public AiSystem evolve(AiSystem state, SystemEvent event) {
        if (event instanceof SystemRegistered e) {
            AiSystem registered = new AiSystem(e.systemId(), e.name(), e.effectiveFrom(), List.of(), List.of(), java.util.Map.of(),
                    java.util.Map.of());
            return registered.withAssertion(new AiSystem.Assertion(e.transferId(), true, e.effectiveFrom(), e.department(), e.owner(),
                    1, false)).withLifecycle(e.effectiveFrom(), e.lifecycle());
        }
        if (event instanceof LifecycleChanged e) {
            return state.withLifecycle(e.effectiveFrom(), e.to());
        }
        if (event instanceof SystemClassified e) {
            return state.withProhibited(e.effectiveFrom(), e.prohibited());
        }
        if (event instanceof IncidentRecorded e) {
            return state.withIncident(new AiSystem.Incident(e.incidentId(), e.occurredAt()));
        }
        if (event instanceof OwnershipTransferred e) {
            return state.withAssertion(new AiSystem.Assertion(e.transferId(), false, e.effectiveFrom(), e.toDepartment(), e.toOwner(),
                    state.nextOrder(), false));
        }
        if (event instanceof OwnershipCorrected e) {
            AiSystem.Assertion before = state.ownership().get(e.transferId());
            return state.withAssertion(new AiSystem.Assertion(e.transferId(), before.registration(), e.effectiveFrom(), e.department(),
                    e.owner(), before.order(), e.cancelled())); // §2: a correction keeps the transfer's place among ties
        }
        return state; // obligations and incident notifications change nothing the decider needs
    }

    /**
     * The ownership event, if the actor has authority over every department whose accountability it
     * changes, on every date it rewrites (the holders before and after, compared day by day).
     */
    private List<SystemEvent> rewriting(AiSystem state, ai.adoption.eventsourcing.core.Actor actor, SystemEvent event) {
        Access.requireOwnershipAuthority(actor, state.holderChanges(evolve(state, event)));
        return List.of(event);
    }

    /** The caller, or a person the application validated; only a compliance officer records a decision as someone else's. */
    private static String decidedBy(String given, ai.adoption.eventsourcing.core.Actor actor) {
        String named = Text.optional(given) != null ? given.strip() : null;
        if (named == null || named.equals(actor.subject())) {
            return actor.subject();
        }
        Access.requireComplianceOfficer(actor, "record a decision as taken by someone else (decidedBy)");
        return named;
    }

    private static LocalDate onOrAfterRegistration(AiSystem state, LocalDate effective) {
        Text.present("effectiveFrom", effective);
        if (effective.isBefore(state.registeredOn())) {
            throw new RuleViolation("effectiveFrom", "the system is on the register from " + state.registeredOn()
                    + "; nothing about it can take effect earlier");
        }
        return effective;
    }

    private static LocalDate notBeforeRegistration(AiSystem state, LocalDate effective) {
        return effective == null || effective.isBefore(state.registeredOn()) ? state.registeredOn() : effective;
    }

    private static void notBefore(String field, Instant value, Instant occurred) {
        if (value != null && value.isBefore(occurred)) {
            throw new RuleViolation(field, field + " cannot be before the incident occurred");
        }
    }
}
