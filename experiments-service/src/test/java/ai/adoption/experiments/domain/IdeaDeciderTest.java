package ai.adoption.experiments.domain;

import ai.adoption.eventsourcing.core.AccessDenied;
import ai.adoption.eventsourcing.core.Actor;
import ai.adoption.eventsourcing.core.IllegalTransition;
import ai.adoption.eventsourcing.core.RuleViolation;
import ai.adoption.eventsourcing.core.Scenario;
import ai.adoption.experiments.domain.IdeaCommand.ApproveIdea;
import ai.adoption.experiments.domain.IdeaCommand.EndIdeaExperiment;
import ai.adoption.experiments.domain.IdeaCommand.RecordFinding;
import ai.adoption.experiments.domain.IdeaCommand.RejectIdea;
import ai.adoption.experiments.domain.IdeaCommand.ReviseIdea;
import ai.adoption.experiments.domain.IdeaCommand.StartIdeaExperiment;
import ai.adoption.experiments.domain.IdeaCommand.SubmitIdea;
import ai.adoption.experiments.domain.IdeaCommand.WithdrawIdea;
import ai.adoption.experiments.domain.IdeaEvent.IdeaApproved;
import ai.adoption.experiments.domain.IdeaEvent.IdeaExperimentEnded;
import ai.adoption.experiments.domain.IdeaEvent.IdeaExperimentStarted;
import ai.adoption.experiments.domain.IdeaEvent.IdeaFindingRecorded;
import ai.adoption.experiments.domain.IdeaEvent.IdeaRejected;
import ai.adoption.experiments.domain.IdeaEvent.IdeaRevised;
import ai.adoption.experiments.domain.IdeaEvent.IdeaSubmitted;
import ai.adoption.experiments.domain.IdeaEvent.IdeaWithdrawn;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Given these events, when this command, expect these events (or this refusal). No infrastructure. */
class IdeaDeciderTest {

    static final UUID ID = UUID.fromString("00000000-0000-0000-0000-000000000001");
    static final UUID EXPERIMENT = UUID.fromString("00000000-0000-0000-0000-0000000000e1");
    static final Actor ALICE = new Actor("alice", Set.of("employee"), "finance");
    static final Actor MALLORY = new Actor("mallory", Set.of("employee"), "finance");
    static final Actor FINANCE_APPROVER = new Actor("fiona", Set.of("approver"), "finance");
    static final Actor HR_APPROVER = new Actor("harry", Set.of("approver"), "hr");
    static final IdeaSubmitted SUBMITTED = new IdeaSubmitted(ID, "alice", "Contract summaries", "Too slow", "ChatGPT",
            DataClassification.CONFIDENTIAL, BenefitCategory.EFFICIENCY, "finance");
    static final IdeaApproved APPROVED = new IdeaApproved(ID, "finance", "fiona", null, null);

    Scenario<IdeaCommand, IdeaEvent, Idea> scenario() {
        return Scenario.of(new IdeaDecider());
    }

    @Test
    void anEmployeeSubmitsAnIdeaForTheirDepartment() {
        scenario().given()
                .when(new SubmitIdea(ID, ALICE, " Contract summaries ", "Too slow", "ChatGPT", DataClassification.CONFIDENTIAL,
                        BenefitCategory.EFFICIENCY, "finance"))
                .then(SUBMITTED);
    }

    @Test
    void nobodySubmitsForAnotherDepartment() {
        scenario().given()
                .when(new SubmitIdea(ID, ALICE, "t", "p", "tool", DataClassification.PUBLIC, BenefitCategory.INNOVATION, "hr"))
                .thenFails(AccessDenied.class);
    }

    @Test
    void aTokenWithoutADepartmentSubmitsForNone() {
        Actor nobody = new Actor("drifter", Set.of("employee"), null);
        scenario().given()
                .when(new SubmitIdea(ID, nobody, "t", "p", "tool", DataClassification.PUBLIC, BenefitCategory.INNOVATION, "hr"))
                .thenFails(AccessDenied.class);
    }

    @Test
    void anIdeaIsSubmittedOnlyOnce() {
        IllegalTransition e = scenario().given(SUBMITTED)
                .when(new SubmitIdea(ID, ALICE, "t", "p", "tool", DataClassification.PUBLIC, BenefitCategory.INNOVATION, "finance"))
                .thenFails(IllegalTransition.class);
        assertThat(e.currentState()).isEqualTo("SUBMITTED");
    }

    @Test
    void theSubmitterRevisesAndWithdrawsWhileUndecided() {
        scenario().given(SUBMITTED)
                .when(new ReviseIdea(ALICE, "New", "Still slow", "Copilot", DataClassification.INTERNAL, BenefitCategory.SUPPORT_TOOL))
                .then(new IdeaRevised(ID, "New", "Still slow", "Copilot", DataClassification.INTERNAL, BenefitCategory.SUPPORT_TOOL));
        scenario().given(SUBMITTED).when(new WithdrawIdea(ALICE, "found a better way"))
                .then(new IdeaWithdrawn(ID, "found a better way"));
    }

    @Test
    void onlyTheSubmitterRevisesOrWithdraws() {
        scenario().given(SUBMITTED).when(new WithdrawIdea(MALLORY, null)).thenFails(AccessDenied.class);
        scenario().given(SUBMITTED)
                .when(new ReviseIdea(MALLORY, "x", "y", "z", DataClassification.PUBLIC, BenefitCategory.INNOVATION))
                .thenFails(AccessDenied.class);
    }

    @Test
    void aDecidedIdeaCannotBeRevisedOrWithdrawn() {
        assertThat(scenario().given(SUBMITTED, APPROVED).when(new WithdrawIdea(ALICE, null))
                .thenFails(IllegalTransition.class).currentState()).isEqualTo("APPROVED");
    }

    @Test
    void anApproverOfTheSameDepartmentApprovesWithFunding() {
        FundingDecision funding = new FundingDecision(new BigDecimal("15000"), "EUR", true, "Finance operations");
        scenario().given(SUBMITTED).when(new ApproveIdea(FINANCE_APPROVER, funding, "worth a try"))
                .then(new IdeaApproved(ID, "finance", "fiona", funding, "worth a try"));
    }

    @Test
    void anApproverOfAnotherDepartmentIsRefused() {
        scenario().given(SUBMITTED).when(new ApproveIdea(HR_APPROVER, null, null)).thenFails(AccessDenied.class);
        scenario().given(SUBMITTED).when(new RejectIdea(HR_APPROVER, RejectionReason.COST, "too expensive", null))
                .thenFails(AccessDenied.class);
    }

    @Test
    void anEmployeeWithoutTheApproverRoleIsRefused() {
        scenario().given(SUBMITTED).when(new ApproveIdea(MALLORY, null, null)).thenFails(AccessDenied.class);
    }

    @Test
    void rejectionCarriesReasonExplanationAndOptionalRevisitInterval() {
        scenario().given(SUBMITTED)
                .when(new RejectIdea(FINANCE_APPROVER, RejectionReason.UNRELIABLE_OUTPUT, "hallucinated dates", "P3M"))
                .then(new IdeaRejected(ID, "finance", "fiona", "alice", "Contract summaries", "ChatGPT",
                        RejectionReason.UNRELIABLE_OUTPUT, "hallucinated dates", "P3M"));
    }

    @Test
    void rejectionNeedsAnExplanationAndASaneInterval() {
        assertThat(scenario().given(SUBMITTED).when(new RejectIdea(FINANCE_APPROVER, RejectionReason.COST, " ", null))
                .thenFails(RuleViolation.class).field()).isEqualTo("explanation");
        assertThat(scenario().given(SUBMITTED).when(new RejectIdea(FINANCE_APPROVER, RejectionReason.COST, "x", "P-1D"))
                .thenFails(RuleViolation.class).field()).isEqualTo("revisitAfter");
        assertThat(scenario().given(SUBMITTED).when(new RejectIdea(FINANCE_APPROVER, RejectionReason.COST, "x", "P5Y1D"))
                .thenFails(RuleViolation.class).field()).isEqualTo("revisitAfter");
    }

    @Test
    void revisitAfterAcceptsPeriodsAndDurationsFromPT1SToP5Y() {
        for (String ok : new String[]{"P1W", "PT30S", "PT1S", "P5Y", "p3m"}) {
            scenario().given(SUBMITTED).when(new RejectIdea(FINANCE_APPROVER, RejectionReason.COST, "x", ok))
                    .thenEvents(events -> assertThat(((IdeaRejected) events.get(0)).revisitAfter()).isEqualTo(ok.toUpperCase()));
        }
        for (String bad : new String[]{"PT0.5S", "P0D", "P-1M", "three months", "P6Y"}) {
            assertThat(scenario().given(SUBMITTED).when(new RejectIdea(FINANCE_APPROVER, RejectionReason.COST, "x", bad))
                    .thenFails(RuleViolation.class).field()).isEqualTo("revisitAfter");
        }
    }

    @Test
    void aRevisitReopensARejectedIdeaForAFreshDecision() {
        IdeaRejected rejected = new IdeaRejected(ID, "finance", "fiona", "alice", "t", "tool", RejectionReason.COST, "x", "P1M");
        UUID caseId = UUID.randomUUID();
        scenario().given(SUBMITTED, rejected)
                .when(new ai.adoption.experiments.domain.IdeaCommand.ReopenIdea(FINANCE_APPROVER, caseId, 2, "works now", "anna"))
                .then(new ai.adoption.experiments.domain.IdeaEvent.IdeaReopened(ID, "finance", caseId, 2, "REJECTED", "works now", "anna"));
        assertThat(scenario().given(SUBMITTED)
                .when(new ai.adoption.experiments.domain.IdeaCommand.ReopenIdea(FINANCE_APPROVER, caseId, 1, null, null))
                .thenFails(IllegalTransition.class).currentState()).isEqualTo("SUBMITTED");
    }

    @Test
    void aRejectedIdeaCannotBeApproved() {
        IdeaRejected rejected = new IdeaRejected(ID, "finance", "fiona", "alice", "t", "tool", RejectionReason.COST, "x", null);
        assertThat(scenario().given(SUBMITTED, rejected).when(new ApproveIdea(FINANCE_APPROVER, null, null))
                .thenFails(IllegalTransition.class).currentState()).isEqualTo("REJECTED");
    }

    @Test
    void atMostOneExperimentRunsPerIdea() {
        scenario().given(SUBMITTED, APPROVED).when(new StartIdeaExperiment(FINANCE_APPROVER, EXPERIMENT))
                .then(new IdeaExperimentStarted(ID, EXPERIMENT));
        assertThat(scenario().given(SUBMITTED, APPROVED, new IdeaExperimentStarted(ID, EXPERIMENT))
                .when(new StartIdeaExperiment(FINANCE_APPROVER, UUID.randomUUID()))
                .thenFails(IllegalTransition.class).currentState()).isEqualTo("IN_EXPERIMENT");
    }

    @Test
    void anEndedExperimentFreesTheIdeaForAnother() {
        UUID second = UUID.randomUUID();
        scenario().given(SUBMITTED, APPROVED, new IdeaExperimentStarted(ID, EXPERIMENT),
                        new IdeaExperimentEnded(ID, EXPERIMENT, "INCONCLUSIVE"))
                .when(new StartIdeaExperiment(FINANCE_APPROVER, second))
                .then(new IdeaExperimentStarted(ID, second));
        scenario().given(SUBMITTED, APPROVED, new IdeaExperimentStarted(ID, EXPERIMENT))
                .when(new EndIdeaExperiment(FINANCE_APPROVER, EXPERIMENT, "FAILED"))
                .then(new IdeaExperimentEnded(ID, EXPERIMENT, "FAILED"));
    }

    @Test
    void theIdeaKnowsItsCurrentDataClassification() {
        assertThat(new IdeaDecider().fold(List.of(SUBMITTED)).dataClassification())
                .isEqualTo(DataClassification.CONFIDENTIAL);
        assertThat(new IdeaDecider().fold(List.of(SUBMITTED,
                new IdeaRevised(ID, "New", "p", "Copilot", DataClassification.PERSONAL, BenefitCategory.EFFICIENCY), APPROVED,
                new IdeaExperimentStarted(ID, EXPERIMENT))).dataClassification()).isEqualTo(DataClassification.PERSONAL);
    }

    static final Actor GOVERNANCE = Actor.system("experiments-service");
    static final UUID FINDING = UUID.fromString("00000000-0000-0000-0000-0000000000f1");

    static RecordFinding finding(UUID findingId, FindingKind kind, List<DataClassification> allowed) {
        return new RecordFinding(GOVERNANCE, findingId, kind, " ChatGPT Free ", DataClassification.PERSONAL, allowed,
                "ChatGPT Free is not on the approved-tools list");
    }

    static IdeaFindingRecorded recorded(UUID findingId, FindingKind kind, List<DataClassification> allowed) {
        return new IdeaFindingRecorded(ID, findingId, kind, "ChatGPT Free", DataClassification.PERSONAL, allowed,
                "ChatGPT Free is not on the approved-tools list");
    }

    @Test
    void aGovernanceFindingIsRecordedForTheApproverInAnyStatus() {
        List<DataClassification> allowed = List.of(DataClassification.PUBLIC, DataClassification.INTERNAL);
        IdeaRejected rejected = new IdeaRejected(ID, "finance", "fiona", "alice", "t", "tool", RejectionReason.COST, "x", null);
        for (IdeaEvent[] history : new IdeaEvent[][]{{SUBMITTED}, {SUBMITTED, APPROVED}, {SUBMITTED, rejected},
                {SUBMITTED, new IdeaWithdrawn(ID, null)}, {SUBMITTED, APPROVED, new IdeaExperimentStarted(ID, EXPERIMENT)}}) {
            scenario().given(history).when(finding(FINDING, FindingKind.DATA_CLASS_NOT_ALLOWED, allowed))
                    .then(recorded(FINDING, FindingKind.DATA_CLASS_NOT_ALLOWED, allowed));
        }
    }

    @Test
    void aFindingIsRecordedOncePerFindingId() {
        List<DataClassification> none = List.of();
        scenario().given(SUBMITTED, recorded(FINDING, FindingKind.TOOL_NOT_APPROVED, none))
                .when(finding(FINDING, FindingKind.TOOL_NOT_APPROVED, none))
                .then();
        UUID another = UUID.fromString("00000000-0000-0000-0000-0000000000f2");
        scenario().given(SUBMITTED, recorded(FINDING, FindingKind.TOOL_NOT_APPROVED, none))
                .when(finding(another, FindingKind.TOOL_APPROVAL_EXPIRED, none))
                .then(recorded(another, FindingKind.TOOL_APPROVAL_EXPIRED, none));
        // the recorded ids survive every later event of the idea
        assertThat(new IdeaDecider().fold(List.of(SUBMITTED, recorded(FINDING, FindingKind.TOOL_NOT_APPROVED, none),
                APPROVED, new IdeaExperimentStarted(ID, EXPERIMENT), new IdeaExperimentEnded(ID, EXPERIMENT, "FAILED")))
                .hasFinding(FINDING)).isTrue();
    }

    @Test
    void aFindingWithoutAllowedClassesOrMessageIsStillRecordedButNeedsAKind() {
        scenario().given(SUBMITTED)
                .when(new RecordFinding(GOVERNANCE, FINDING, FindingKind.TOOL_NOT_APPROVED, "ChatGPT Free",
                        DataClassification.PERSONAL, null, "  "))
                .then(new IdeaFindingRecorded(ID, FINDING, FindingKind.TOOL_NOT_APPROVED, "ChatGPT Free",
                        DataClassification.PERSONAL, List.of(), null));
        assertThat(scenario().given(SUBMITTED).when(finding(FINDING, null, List.of()))
                .thenFails(RuleViolation.class).field()).isEqualTo("kind");
        assertThat(scenario().given(SUBMITTED).when(finding(null, FindingKind.TOOL_NOT_APPROVED, List.of()))
                .thenFails(RuleViolation.class).field()).isEqualTo("findingId");
    }

    @Test
    void anUnapprovedIdeaCannotStartAnExperiment() {
        assertThat(scenario().given(SUBMITTED).when(new StartIdeaExperiment(FINANCE_APPROVER, EXPERIMENT))
                .thenFails(IllegalTransition.class).currentState()).isEqualTo("SUBMITTED");
    }
}
