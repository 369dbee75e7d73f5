package ai.adoption.dashboard;

import ai.adoption.contracts.GovernanceEvents;
import ai.adoption.contracts.IdeaEvents;
import ai.adoption.contracts.RevisitEvents;
import ai.adoption.contracts.Vocabulary.BenefitCategory;
import ai.adoption.contracts.Vocabulary.CaseSource;
import ai.adoption.contracts.Vocabulary.DataClassification;
import ai.adoption.contracts.Vocabulary.FindingKind;
import ai.adoption.contracts.Vocabulary.IntervalSource;
import ai.adoption.testinfra.contracts.ContractEvents;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Contract payloads the tests publish, built on the shared fixture where it has them. */
public final class Events {

    private Events() {
    }

    /** An idea submission in {@code department} with {@code title}. */
    public static IdeaEvents.SubmittedV1 submitted(UUID ideaId, String department, String title) {
        IdeaEvents.SubmittedV1 base = ContractEvents.ideaSubmitted(ideaId, department, "ChatGPT Enterprise", "INTERNAL");
        return new IdeaEvents.SubmittedV1(ideaId, base.submitter(), title, base.problem(), base.aiTool(), DataClassification.INTERNAL,
                BenefitCategory.EFFICIENCY, department);
    }

    public static IdeaEvents.ApprovedV1 approved(UUID ideaId, String department) {
        return new IdeaEvents.ApprovedV1(ideaId, department, "fiona", null, "Go ahead");
    }

    public static IdeaEvents.ReopenedV1 reopened(UUID ideaId, String department, UUID caseId) {
        return new IdeaEvents.ReopenedV1(ideaId, department, caseId, 1, "REJECTED", "Feasible now", "system:revisit-service");
    }

    public static RevisitEvents.OpenedV1 revisitOpened(UUID caseId, UUID ideaId, String department, Instant dueAt) {
        return new RevisitEvents.OpenedV1(caseId, new RevisitEvents.Origin(CaseSource.REJECTION, ideaId, null, department,
                "Summarise supplier contracts", "ChatGPT Enterprise", "alice", "DATA_PROTECTION", null, null, "EU only", "fiona",
                UUID.randomUUID(), "idea.rejected"), null, "P3M", IntervalSource.GLOBAL, Instant.now(), dueAt);
    }

    public static RevisitEvents.DueV1 revisitDue(UUID caseId, UUID ideaId, String department, Instant dueAt) {
        return new RevisitEvents.DueV1(caseId, 1, dueAt, Instant.now(), department, "ChatGPT Enterprise",
                "Summarise supplier contracts", ideaId);
    }

    public static GovernanceEvents.FindingRaisedV1 findingRaised(UUID findingId, UUID ideaId, String department) {
        GovernanceEvents.FindingRaisedV1 base = ContractEvents.findingRaised(findingId, ideaId, "TOOL_NOT_APPROVED");
        return new GovernanceEvents.FindingRaisedV1(findingId, ideaId, department, base.tool(), base.dataClassification(),
                FindingKind.TOOL_NOT_APPROVED, List.of(), base.message());
    }

    public static GovernanceEvents.DepartmentEstablishedV1 departmentEstablished(String department, String name) {
        return new GovernanceEvents.DepartmentEstablishedV1(department, name, "dora", List.of("fiona"), List.of("anna"), null);
    }
}
