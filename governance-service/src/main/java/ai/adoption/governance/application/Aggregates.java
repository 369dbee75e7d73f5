package ai.adoption.governance.application;

import ai.adoption.eventsourcing.store.AggregateType;
import ai.adoption.eventsourcing.store.EventType;
import ai.adoption.governance.domain.AiSystem;
import ai.adoption.governance.domain.ApprovedTool;
import ai.adoption.governance.domain.Department;
import ai.adoption.governance.domain.DepartmentCommand;
import ai.adoption.governance.domain.DepartmentDecider;
import ai.adoption.governance.domain.DepartmentEvent;
import ai.adoption.governance.domain.Finding;
import ai.adoption.governance.domain.FindingCommand;
import ai.adoption.governance.domain.FindingDecider;
import ai.adoption.governance.domain.FindingEvent;
import ai.adoption.governance.domain.Person;
import ai.adoption.governance.domain.PersonCommand;
import ai.adoption.governance.domain.PersonDecider;
import ai.adoption.governance.domain.PersonEvent;
import ai.adoption.governance.domain.Scan;
import ai.adoption.governance.domain.ScanCommand;
import ai.adoption.governance.domain.ScanDecider;
import ai.adoption.governance.domain.ScanEvent;
import ai.adoption.governance.domain.ScanTargetCommand;
import ai.adoption.governance.domain.ScanTargetDecider;
import ai.adoption.governance.domain.ScanTargetEvent;
import ai.adoption.governance.domain.ScanTargets;
import ai.adoption.governance.domain.SystemCommand;
import ai.adoption.governance.domain.SystemDecider;
import ai.adoption.governance.domain.SystemEvent;
import ai.adoption.governance.domain.ToolCommand;
import ai.adoption.governance.domain.ToolDecider;
import ai.adoption.governance.domain.ToolEvent;

/**
 * The aggregates of governance-service and the stored names of their events. Topics:
 * {@code governance.ai-system}, {@code governance.department}, {@code governance.person},
 * {@code governance.tool} (consumed by revisit-service) and {@code governance.finding} (consumed by
 * experiments-service); the AI-scan's {@code governance.scan} and {@code governance.scan-target}.
 */
public final class Aggregates {

    public static final AggregateType<SystemCommand, SystemEvent, AiSystem> SYSTEM = AggregateType.of("ai-system", new SystemDecider(),
            new EventType("ai-system.registered", 1, SystemEvent.SystemRegistered.class),
            new EventType("ai-system.lifecycle-changed", 1, SystemEvent.LifecycleChanged.class),
            new EventType("ai-system.classified", 1, SystemEvent.SystemClassified.class),
            new EventType("ai-system.obligations-recorded", 1, SystemEvent.ObligationsRecorded.class),
            new EventType("ai-system.incident-recorded", 1, SystemEvent.IncidentRecorded.class),
            new EventType("ai-system.incident-notified", 1, SystemEvent.IncidentNotificationsRecorded.class),
            new EventType("ai-system.ownership-transferred", 1, SystemEvent.OwnershipTransferred.class),
            new EventType("ai-system.ownership-corrected", 1, SystemEvent.OwnershipCorrected.class));

    public static final AggregateType<DepartmentCommand, DepartmentEvent, Department> DEPARTMENT = AggregateType.of("department",
            new DepartmentDecider(),
            new EventType("department.established", 1, DepartmentEvent.DepartmentEstablished.class),
            new EventType("department.changed", 1, DepartmentEvent.DepartmentChanged.class));

    public static final AggregateType<PersonCommand, PersonEvent, Person> PERSON = AggregateType.of("person", new PersonDecider(),
            new EventType("person.named", 1, PersonEvent.PersonNamed.class),
            new EventType("person.training-recorded", 1, PersonEvent.TrainingRecorded.class));

    public static final AggregateType<ToolCommand, ToolEvent, ApprovedTool> TOOL = AggregateType.of("tool", new ToolDecider(),
            new EventType("tool.approved", 1, ToolEvent.ToolApproved.class),
            new EventType("tool.approval-revoked", 1, ToolEvent.ToolApprovalRevoked.class));

    public static final AggregateType<FindingCommand, FindingEvent, Finding> FINDING = AggregateType.of("finding", new FindingDecider(),
            new EventType("finding.raised", 1, FindingEvent.FindingRaised.class),
            new EventType("finding.resolved", 1, FindingEvent.FindingResolved.class));

    /** AI-scans: one stream per scan (its UUID). */
    public static final AggregateType<ScanCommand, ScanEvent, Scan> SCAN = AggregateType.of("scan", new ScanDecider(),
            new EventType("scan.opened", 1, ScanEvent.ScanOpened.class),
            new EventType("scan.answered", 1, ScanEvent.ScanAnswered.class),
            new EventType("scan.answer-revised", 1, ScanEvent.AnswerRevised.class),
            new EventType("scan.closed", 1, ScanEvent.ScanClosed.class));

    /** A department's AI-scan targets: one stream per department (its id). */
    public static final AggregateType<ScanTargetCommand, ScanTargetEvent, ScanTargets> SCAN_TARGET = AggregateType.of("scan-target",
            new ScanTargetDecider(),
            new EventType("scan-target.set", 1, ScanTargetEvent.TargetsSet.class));

    private Aggregates() {
    }
}
