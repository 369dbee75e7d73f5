package ai.adoption.revisit.application;

import ai.adoption.eventsourcing.store.AggregateType;
import ai.adoption.eventsourcing.store.EventType;
import ai.adoption.revisit.domain.CaseCommand;
import ai.adoption.revisit.domain.CaseDecider;
import ai.adoption.revisit.domain.CaseEvent;
import ai.adoption.revisit.domain.DepartmentPolicy;
import ai.adoption.revisit.domain.PolicyCommand;
import ai.adoption.revisit.domain.PolicyDecider;
import ai.adoption.revisit.domain.PolicyEvent;
import ai.adoption.revisit.domain.RevisitCase;

/**
 * The aggregates of revisit-service and the stored names of their events. Topics:
 * {@code <prefix>.case} ({@code revisit.case}) and {@code <prefix>.policy} ({@code revisit.policy}).
 */
public final class Aggregates {

    public static final EventType DUE = new EventType("revisit.due", 1, CaseEvent.CaseDue.class);

    public static final AggregateType<CaseCommand, CaseEvent, RevisitCase> CASE = AggregateType.of("case", new CaseDecider(),
            new EventType("revisit.opened", 1, CaseEvent.CaseOpened.class),
            DUE,
            new EventType("revisit.rescheduled", 1, CaseEvent.CaseRescheduled.class),
            new EventType("revisit.interval-set", 1, CaseEvent.CaseIntervalSet.class),
            new EventType("revisit.brought-forward", 1, CaseEvent.CaseBroughtForward.class),
            new EventType("revisit.still-not-feasible", 1, CaseEvent.CaseStillNotFeasible.class),
            new EventType("revisit.reopened", 1, CaseEvent.CaseReopened.class),
            new EventType("revisit.dropped", 1, CaseEvent.CaseDropped.class));

    public static final AggregateType<PolicyCommand, PolicyEvent, DepartmentPolicy> POLICY = AggregateType.of("policy",
            new PolicyDecider(),
            new EventType("revisit-policy.interval-set", 1, PolicyEvent.DepartmentIntervalSet.class),
            new EventType("revisit-policy.interval-cleared", 1, PolicyEvent.DepartmentIntervalCleared.class));

    private Aggregates() {
    }
}
