package ai.adoption.experiments.domain;

import ai.adoption.eventsourcing.core.Actor;

import java.util.List;
import java.util.UUID;

/** What can be asked of an idea. The actor always comes from the caller's token. */
public sealed interface IdeaCommand {

    Actor actor();

    record SubmitIdea(UUID ideaId, Actor actor, String title, String problem, String aiTool,
                      DataClassification dataClassification, BenefitCategory benefitCategory, String department)
            implements IdeaCommand {
    }

    record ReviseIdea(Actor actor, String title, String problem, String aiTool,
                      DataClassification dataClassification, BenefitCategory benefitCategory) implements IdeaCommand {
    }

    record WithdrawIdea(Actor actor, String reason) implements IdeaCommand {
    }

    record ApproveIdea(Actor actor, FundingDecision funding, String comment) implements IdeaCommand {
    }

    record RejectIdea(Actor actor, RejectionReason reason, String explanation, String revisitAfter) implements IdeaCommand {
    }

    /** A revisit case found the idea feasible now (a consumed revisit.reopened): back to SUBMITTED for a fresh decision. */
    record ReopenIdea(Actor actor, UUID revisitCaseId, int cycle, String notes, String reopenedBy) implements IdeaCommand {
    }

    /** A governance finding about the idea (a consumed finding.raised): recorded once per findingId, in any status. */
    record RecordFinding(Actor actor, UUID findingId, FindingKind kind, String tool, DataClassification dataClassification,
                         List<DataClassification> allowedDataClasses, String message) implements IdeaCommand {
    }

    /** Governance resolved a finding recorded on the idea (a consumed finding.resolved): recorded once, in any status. */
    record ResolveFinding(Actor actor, UUID findingId, String reason) implements IdeaCommand {
    }

    /** An experiment is starting for this idea: at most one may run at a time. */
    record StartIdeaExperiment(Actor actor, UUID experimentId) implements IdeaCommand {
    }

    /** The idea's running experiment concluded or was abandoned. */
    record EndIdeaExperiment(Actor actor, UUID experimentId, String result) implements IdeaCommand {
    }
}
