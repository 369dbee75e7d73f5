package ai.adoption.contracts;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every event type the services publish, with its topic, key and payload record: the stream
 * contract in code. docs/events.md describes the same types in prose; a test keeps the two in step.
 * A new event type (or a new schema version of one) is a new record here and a new entry below.
 */
public final class EventCatalogue {

    /** Every published type starts with this. */
    public static final String TYPE_PREFIX = "ai.adoption.";

    private static final String IDEA = "idea id (UUID)";
    private static final String EXPERIMENT = "experiment id (UUID)";
    private static final String CASE = "revisit case id (UUID)";
    private static final String DEPARTMENT = "department id";
    private static final String SYSTEM = "AI system id (UUID)";
    private static final String PERSON = "person id (token subject)";
    private static final String TOOL = "tool id (UUID from the tool's name)";
    private static final String FINDING = "finding id (UUID)";
    private static final String SCAN = "AI-scan id (UUID)";
    private static final String PROMPT = "prompt entry id (UUID)";

    public static final List<EventContract<?>> ALL = List.of(
            type("idea.submitted.v1", "experiments.idea", IDEA, IdeaEvents.SubmittedV1.class),
            type("idea.revised.v1", "experiments.idea", IDEA, IdeaEvents.RevisedV1.class),
            type("idea.withdrawn.v1", "experiments.idea", IDEA, IdeaEvents.WithdrawnV1.class),
            type("idea.approved.v1", "experiments.idea", IDEA, IdeaEvents.ApprovedV1.class),
            type("idea.rejected.v1", "experiments.idea", IDEA, IdeaEvents.RejectedV1.class),
            type("idea.reopened.v1", "experiments.idea", IDEA, IdeaEvents.ReopenedV1.class),
            type("idea.finding-recorded.v1", "experiments.idea", IDEA, IdeaEvents.FindingRecordedV1.class),
            type("idea.finding-resolved.v1", "experiments.idea", IDEA, IdeaEvents.FindingResolvedV1.class),
            type("idea.experiment-started.v1", "experiments.idea", IDEA, IdeaEvents.ExperimentStartedV1.class),
            type("idea.experiment-ended.v1", "experiments.idea", IDEA, IdeaEvents.ExperimentEndedV1.class),

            type("experiment.started.v1", "experiments.experiment", EXPERIMENT, ExperimentEvents.StartedV1.class),
            type("experiment.learning-recorded.v1", "experiments.experiment", EXPERIMENT, ExperimentEvents.LearningRecordedV1.class),
            type("experiment.concluded.v1", "experiments.experiment", EXPERIMENT, ExperimentEvents.ConcludedV1.class),
            type("experiment.abandoned.v1", "experiments.experiment", EXPERIMENT, ExperimentEvents.AbandonedV1.class),

            type("prompt.drafted.v1", "experiments.prompt", PROMPT, PromptEvents.DraftedV1.class),
            type("prompt.revised.v1", "experiments.prompt", PROMPT, PromptEvents.RevisedV1.class),
            type("prompt.submitted-for-review.v1", "experiments.prompt", PROMPT, PromptEvents.SubmittedForReviewV1.class),
            type("prompt.approved.v1", "experiments.prompt", PROMPT, PromptEvents.ApprovedV1.class),
            type("prompt.deprecated.v1", "experiments.prompt", PROMPT, PromptEvents.DeprecatedV1.class),
            type("prompt.tried.v1", "experiments.prompt", PROMPT, PromptEvents.TriedV1.class),

            type("revisit.opened.v1", "revisit.case", CASE, RevisitEvents.OpenedV1.class),
            type("revisit.due.v1", "revisit.case", CASE, RevisitEvents.DueV1.class),
            type("revisit.rescheduled.v1", "revisit.case", CASE, RevisitEvents.RescheduledV1.class),
            type("revisit.interval-set.v1", "revisit.case", CASE, RevisitEvents.IntervalSetV1.class),
            type("revisit.brought-forward.v1", "revisit.case", CASE, RevisitEvents.BroughtForwardV1.class),
            type("revisit.still-not-feasible.v1", "revisit.case", CASE, RevisitEvents.StillNotFeasibleV1.class),
            type("revisit.reopened.v1", "revisit.case", CASE, RevisitEvents.ReopenedV1.class),
            type("revisit.dropped.v1", "revisit.case", CASE, RevisitEvents.DroppedV1.class),
            type("revisit-policy.interval-set.v1", "revisit.policy", DEPARTMENT, RevisitEvents.PolicyIntervalSetV1.class),
            type("revisit-policy.interval-cleared.v1", "revisit.policy", DEPARTMENT, RevisitEvents.PolicyIntervalClearedV1.class),

            type("ai-system.registered.v1", "governance.ai-system", SYSTEM, GovernanceEvents.SystemRegisteredV1.class),
            type("ai-system.lifecycle-changed.v1", "governance.ai-system", SYSTEM, GovernanceEvents.LifecycleChangedV1.class),
            type("ai-system.classified.v1", "governance.ai-system", SYSTEM, GovernanceEvents.ClassifiedV1.class),
            type("ai-system.obligations-recorded.v1", "governance.ai-system", SYSTEM, GovernanceEvents.ObligationsRecordedV1.class),
            type("ai-system.incident-recorded.v1", "governance.ai-system", SYSTEM, GovernanceEvents.IncidentRecordedV1.class),
            type("ai-system.incident-notified.v1", "governance.ai-system", SYSTEM, GovernanceEvents.IncidentNotifiedV1.class),
            type("ai-system.ownership-transferred.v1", "governance.ai-system", SYSTEM, GovernanceEvents.OwnershipTransferredV1.class),
            type("ai-system.ownership-corrected.v1", "governance.ai-system", SYSTEM, GovernanceEvents.OwnershipCorrectedV1.class),
            type("department.established.v1", "governance.department", DEPARTMENT, GovernanceEvents.DepartmentEstablishedV1.class),
            type("department.changed.v1", "governance.department", DEPARTMENT, GovernanceEvents.DepartmentChangedV1.class),
            type("person.named.v1", "governance.person", PERSON, GovernanceEvents.PersonNamedV1.class),
            type("person.training-recorded.v1", "governance.person", PERSON, GovernanceEvents.TrainingRecordedV1.class),
            type("tool.approved.v1", "governance.tool", TOOL, GovernanceEvents.ToolApprovedV1.class),
            type("tool.approval-revoked.v1", "governance.tool", TOOL, GovernanceEvents.ToolApprovalRevokedV1.class),
            type("finding.raised.v1", "governance.finding", FINDING, GovernanceEvents.FindingRaisedV1.class),
            type("finding.resolved.v1", "governance.finding", FINDING, GovernanceEvents.FindingResolvedV1.class),

            // the AI-scan (governance-service)
            type("scan.opened.v1", "governance.scan", SCAN, ScanEvents.ScanOpenedV1.class),
            type("scan.answered.v1", "governance.scan", SCAN, ScanEvents.ScanAnsweredV1.class),
            type("scan.answer-revised.v1", "governance.scan", SCAN, ScanEvents.AnswerRevisedV1.class),
            type("scan.closed.v1", "governance.scan", SCAN, ScanEvents.ScanClosedV1.class),
            type("scan-target.set.v1", "governance.scan-target", DEPARTMENT, ScanEvents.TargetsSetV1.class));

    private static final Map<String, EventContract<?>> BY_TYPE = ALL.stream()
            .collect(Collectors.toMap(EventContract::type, Function.identity(), (a, b) -> {
                throw new IllegalStateException("Two entries for " + a.type());
            }, LinkedHashMap::new));
    private static final Map<Class<?>, EventContract<?>> BY_PAYLOAD = ALL.stream()
            .collect(Collectors.toMap(EventContract::payload, Function.identity(), (a, b) -> {
                throw new IllegalStateException(a.type() + " and " + b.type() + " share " + a.payload().getName());
            }));

    private EventCatalogue() {
    }

    /** The entry for a {@code ce_type}, if it is a published one. */
    public static Optional<EventContract<?>> byType(String type) {
        return Optional.ofNullable(BY_TYPE.get(type));
    }

    /** The entry whose payload is this record class; an unknown class is a programming error. */
    @SuppressWarnings("unchecked")
    public static <T extends Record> EventContract<T> of(Class<T> payload) {
        EventContract<?> entry = BY_PAYLOAD.get(payload);
        if (entry == null) {
            throw new IllegalArgumentException(payload.getName() + " is not a payload in the event catalogue");
        }
        return (EventContract<T>) entry;
    }

    /** The {@code ce_type} of a payload record class. */
    public static String typeOf(Class<?> payload) {
        EventContract<?> entry = BY_PAYLOAD.get(payload);
        if (entry == null) {
            throw new IllegalArgumentException(payload.getName() + " is not a payload in the event catalogue");
        }
        return entry.type();
    }

    /** The entries published on one topic, in catalogue order. */
    public static List<EventContract<?>> onTopic(String topic) {
        return ALL.stream().filter(entry -> entry.topic().equals(topic)).toList();
    }

    private static <T extends Record> EventContract<T> type(String name, String topic, String key, Class<T> payload) {
        return new EventContract<>(TYPE_PREFIX + name, topic, key, payload);
    }
}
