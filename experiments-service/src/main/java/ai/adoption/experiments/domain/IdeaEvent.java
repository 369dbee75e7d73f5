package ai.adoption.experiments.domain;

import java.util.List;
import java.util.UUID;

/**
 * What happened to an idea. Each event is self-describing for dashboards and other services: it
 * carries the idea id and the facts a reader needs without looking anything up. When it happened
 * and who did it travel in the event's envelope (CloudEvents {@code time}, the store's actor).
 */
public sealed interface IdeaEvent {

    UUID ideaId();

    record IdeaSubmitted(UUID ideaId, String submitter, String title, String problem, String aiTool,
                         DataClassification dataClassification, BenefitCategory benefitCategory, String department)
            implements IdeaEvent {
    }

    record IdeaRevised(UUID ideaId, String title, String problem, String aiTool,
                       DataClassification dataClassification, BenefitCategory benefitCategory) implements IdeaEvent {
    }

    record IdeaWithdrawn(UUID ideaId, String reason) implements IdeaEvent {
    }

    record IdeaApproved(UUID ideaId, String department, String approvedBy, FundingDecision funding, String comment)
            implements IdeaEvent {
    }

    /**
     * Consumed by the revisit service: it carries what the revisit list shows. {@code revisitAfter} is
     * an ISO-8601 period or duration as text ("P3M", "PT30S"), as it always was on the wire.
     */
    record IdeaRejected(UUID ideaId, String department, String rejectedBy, String submitter, String title, String aiTool,
                        RejectionReason reason, String explanation, String revisitAfter) implements IdeaEvent {
    }

    /**
     * The revisit service found the rejected or failed idea feasible now: it is back for a fresh
     * decision. The event's causation id is the {@code revisit.reopened} event that caused it.
     */
    record IdeaReopened(UUID ideaId, String department, UUID revisitCaseId, int cycle, String previousStatus, String notes,
                        String reopenedBy) implements IdeaEvent {
    }

    /**
     * The governance service raised a finding about the idea's tool or data (a consumed
     * {@code finding.raised}): information for the approver, whatever the idea's status. The event's
     * causation id is the finding event's id. {@code tool}, {@code dataClassification} and
     * {@code message} are as governance sent them (null when it sent none); {@code allowedDataClasses}
     * is empty when the tool is not approved for any.
     */
    record IdeaFindingRecorded(UUID ideaId, UUID findingId, FindingKind kind, String tool,
                               DataClassification dataClassification, List<DataClassification> allowedDataClasses,
                               String message) implements IdeaEvent {
    }

    /**
     * Governance resolved a finding recorded on the idea (a consumed {@code finding.resolved}): its cause went away, the tool
     * was approved for the idea's data class or the idea was revised. The event's causation id is the finding event's id.
     */
    record IdeaFindingResolved(UUID ideaId, UUID findingId, String reason) implements IdeaEvent {
    }

    record IdeaExperimentStarted(UUID ideaId, UUID experimentId) implements IdeaEvent {
    }

    record IdeaExperimentEnded(UUID ideaId, UUID experimentId, String result) implements IdeaEvent {
    }
}
