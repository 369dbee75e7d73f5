package ai.adoption.revisit.domain;

import ai.adoption.eventsourcing.core.AccessDenied;
import ai.adoption.eventsourcing.core.Actor;
import ai.adoption.eventsourcing.core.IllegalTransition;
import ai.adoption.eventsourcing.core.RuleViolation;
import ai.adoption.eventsourcing.core.Scenario;
import ai.adoption.revisit.domain.CaseCommand.ApplyPolicyInterval;
import ai.adoption.revisit.domain.CaseCommand.BringForward;
import ai.adoption.revisit.domain.CaseCommand.BringForwardApprovedTool;
import ai.adoption.revisit.domain.CaseCommand.Evaluate;
import ai.adoption.revisit.domain.CaseCommand.MarkDue;
import ai.adoption.revisit.domain.CaseCommand.OpenCase;
import ai.adoption.revisit.domain.CaseCommand.SetCaseInterval;
import ai.adoption.revisit.domain.CaseEvent.CaseBroughtForward;
import ai.adoption.revisit.domain.CaseEvent.CaseDropped;
import ai.adoption.revisit.domain.CaseEvent.CaseDue;
import ai.adoption.revisit.domain.CaseEvent.CaseOpened;
import ai.adoption.revisit.domain.CaseEvent.CaseReopened;
import ai.adoption.revisit.domain.CaseEvent.CaseRescheduled;
import ai.adoption.revisit.domain.CaseEvent.CaseStillNotFeasible;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class CaseDeciderTest {

    static final UUID ID = UUID.randomUUID();
    static final UUID IDEA = UUID.randomUUID();
    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    static final Origin ORIGIN = new Origin(CaseSource.REJECTION, IDEA, null, "finance", "Contracts", "ChatGPT", "alice",
            "DATA_PROTECTION", null, null, "EU only", "fiona", UUID.randomUUID(), "idea.rejected");
    static final Actor AMBASSADOR = new Actor("anna", Set.of("ambassador"), "finance");
    static final Actor OTHER = new Actor("hank", Set.of("ambassador"), "hr");
    static final Actor APPROVER = new Actor("fiona", Set.of("approver"), "finance");
    static final CaseOpened OPENED = new CaseOpened(ID, ORIGIN, null, "P3M", IntervalSource.GLOBAL, T0,
            Instant.parse("2026-04-01T00:00:00Z"));
    static final CaseDue DUE = new CaseDue(ID, 1, OPENED.dueAt(), Instant.parse("2026-04-01T00:00:05Z"), "finance", "ChatGPT",
            "Contracts", IDEA);

    static Scenario<CaseCommand, CaseEvent, RevisitCase> scenario() {
        return Scenario.of(new CaseDecider());
    }

    @Test
    void openingTakesTheCaseIntervalOverThePolicy() {
        scenario().when(new OpenCase(ID, ORIGIN, "P1W", "P1M", IntervalSource.DEPARTMENT, T0))
                .then(new CaseOpened(ID, ORIGIN, "P1W", "P1W", IntervalSource.CASE, T0, Instant.parse("2026-01-08T00:00:00Z")));
        scenario().when(new OpenCase(ID, ORIGIN, null, "P1M", IntervalSource.DEPARTMENT, T0))
                .then(new CaseOpened(ID, ORIGIN, null, "P1M", IntervalSource.DEPARTMENT, T0, Instant.parse("2026-02-01T00:00:00Z")));
        assertThat(scenario().given(OPENED).when(new OpenCase(ID, ORIGIN, null, "P1M", IntervalSource.GLOBAL, T0))
                .thenFails(IllegalTransition.class).currentState()).isEqualTo("SCHEDULED");
    }

    @Test
    void dueOncePerCycleAndOnlyWhenItsTimeHasPassed() {
        scenario().given(OPENED).when(new MarkDue(1, Instant.parse("2026-03-31T23:59:59Z"))).then();
        scenario().given(OPENED).when(new MarkDue(1, DUE.firedAt())).then(DUE);
        // a second firing of the same cycle, or of a cycle that is not the current one, decides nothing
        scenario().given(OPENED, DUE).when(new MarkDue(1, DUE.firedAt().plusSeconds(60))).then();
        scenario().given(OPENED).when(new MarkDue(2, DUE.firedAt())).then();
        // long after (downtime): still exactly one, for cycle 1
        scenario().given(OPENED).when(new MarkDue(1, Instant.parse("2027-01-01T00:00:00Z")))
                .thenEvents(events -> assertThat(((CaseDue) events.get(0)).cycle()).isEqualTo(1));
    }

    @Test
    void evaluationNeedsTheDueStateAndAnAmbassadorOfTheDepartment() {
        Evaluate now = new Evaluate(AMBASSADOR, Verdict.NOW_FEASIBLE, "works", null, null, "P3M", IntervalSource.GLOBAL, DUE.firedAt());
        assertThat(scenario().given(OPENED).when(now).thenFails(IllegalTransition.class).currentState()).isEqualTo("SCHEDULED");
        scenario().given(OPENED, DUE).when(new Evaluate(OTHER, Verdict.NOW_FEASIBLE, null, null, null, "P3M", IntervalSource.GLOBAL,
                T0)).thenFails(AccessDenied.class);
        scenario().given(OPENED, DUE).when(new Evaluate(APPROVER, Verdict.NOW_FEASIBLE, null, null, null, "P3M", IntervalSource.GLOBAL,
                T0)).thenFails(AccessDenied.class);
        scenario().given(OPENED, DUE).when(now)
                .then(new CaseReopened(ID, 1, IDEA, null, "finance", "Contracts", "ChatGPT", "works", "anna"));
    }

    @Test
    void stillNotFeasibleSchedulesTheNextCycleFromTheEvaluation() {
        Instant at = Instant.parse("2026-04-02T00:00:00Z");
        scenario().given(OPENED, DUE).when(new Evaluate(AMBASSADOR, Verdict.STILL_NOT_FEASIBLE, "tried v2", "P1M", null, "P3M",
                        IntervalSource.GLOBAL, at))
                .then(new CaseStillNotFeasible(ID, 1, "tried v2", "anna", at, "P1M", IntervalSource.CASE, 2,
                        Instant.parse("2026-05-02T00:00:00Z")));
        assertThat(scenario().given(OPENED, DUE).when(new Evaluate(AMBASSADOR, Verdict.STILL_NOT_FEASIBLE, " ", null, null, "P3M",
                IntervalSource.GLOBAL, at)).thenFails(RuleViolation.class).field()).isEqualTo("notes");
        assertThat(scenario().given(OPENED, DUE).when(new Evaluate(AMBASSADOR, Verdict.DROP, null, null, null, "P3M",
                IntervalSource.GLOBAL, at)).thenFails(RuleViolation.class).field()).isEqualTo("reason");
    }

    @Test
    void aPolicyChangeMovesOnlyWaitingCasesWithoutTheirOwnInterval() {
        scenario().given(OPENED).when(new ApplyPolicyInterval("P1M", IntervalSource.DEPARTMENT, T0))
                .then(new CaseRescheduled(ID, 1, "P1M", IntervalSource.DEPARTMENT, OPENED.dueAt(), Instant.parse("2026-02-01T00:00:00Z")));
        scenario().given(OPENED, DUE).when(new ApplyPolicyInterval("P1M", IntervalSource.DEPARTMENT, T0)).then();
        CaseOpened own = new CaseOpened(ID, ORIGIN, "P1W", "P1W", IntervalSource.CASE, T0, Instant.parse("2026-01-08T00:00:00Z"));
        scenario().given(own).when(new ApplyPolicyInterval("P1M", IntervalSource.DEPARTMENT, T0)).then();
        scenario().given(OPENED).when(new ApplyPolicyInterval("P3M", IntervalSource.GLOBAL, T0)).then();
    }

    @Test
    void bringForwardAndCaseInterval() {
        Instant now = Instant.parse("2026-02-01T00:00:00Z");
        scenario().given(OPENED).when(new BringForward(AMBASSADOR, "approved", now))
                .thenEvents(events -> assertThat(events).hasSize(1));
        assertThat(scenario().given(OPENED, DUE).when(new BringForward(AMBASSADOR, null, now))
                .thenFails(IllegalTransition.class).currentState()).isEqualTo("DUE");
        scenario().given(OPENED).when(new SetCaseInterval(OTHER, "P1M", now)).thenFails(AccessDenied.class);
        scenario().given(OPENED).when(new SetCaseInterval(AMBASSADOR, "P1M", now))
                .thenEvents(events -> assertThat(((CaseEvent.CaseIntervalSet) events.get(0)).dueAt())
                        .isEqualTo(Instant.parse("2026-02-01T00:00:00Z")));
    }

    // --- governance approved the tool -------------------------------------------------------------

    static final Actor SYSTEM = Actor.system("revisit-service");
    static final Origin NOT_APPROVED = new Origin(CaseSource.REJECTION, IDEA, null, "finance", "Contracts", "ChatGPT Enterprise",
            "alice", "TOOL_NOT_APPROVED", null, null, "not approved yet", "fiona", UUID.randomUUID(), "idea.rejected");
    static final CaseOpened WAITING_FOR_TOOL = new CaseOpened(ID, NOT_APPROVED, "P3M", "P3M", IntervalSource.CASE, T0,
            Instant.parse("2026-04-01T00:00:00Z"));
    static final Instant APPROVED_AT = Instant.parse("2026-02-01T12:00:00Z");
    static final String WHY = "tool ChatGPT Enterprise approved by admin-ada";

    static BringForwardApprovedTool approved(String tool) {
        return new BringForwardApprovedTool(SYSTEM, tool, WHY, APPROVED_AT);
    }

    @Test
    void anApprovedToolBringsAWaitingToolNotApprovedCaseForwardOnTheSystemsRequest() {
        scenario().given(WAITING_FOR_TOOL).when(approved("ChatGPT Enterprise"))
                .then(new CaseBroughtForward(ID, 1, WAITING_FOR_TOOL.dueAt(), APPROVED_AT, "system:revisit-service", WHY));
        // the tool as governance spells it: case and surrounding blanks do not matter
        scenario().given(WAITING_FOR_TOOL).when(approved("  chatgpt ENTERPRISE \t"))
                .then(new CaseBroughtForward(ID, 1, WAITING_FOR_TOOL.dueAt(), APPROVED_AT, "system:revisit-service", WHY));
        // no ambassador needed for the system, and the due time then is the approval's processing time: the scheduler fires it
        CaseBroughtForward forward = new CaseBroughtForward(ID, 1, WAITING_FOR_TOOL.dueAt(), APPROVED_AT, "system:revisit-service", WHY);
        scenario().given(WAITING_FOR_TOOL, forward).when(new MarkDue(1, APPROVED_AT.plusMillis(5)))
                .then(new CaseDue(ID, 1, APPROVED_AT, APPROVED_AT.plusMillis(5), "finance", "ChatGPT Enterprise", "Contracts", IDEA));
    }

    @Test
    void onlyTheSystemMayBringForwardForAnApprovedToolNotAPersonWhateverTheirRoles() {
        for (Actor person : Set.of(AMBASSADOR, OTHER, APPROVER, new Actor("root", Set.of("admin"), null))) {
            scenario().given(WAITING_FOR_TOOL).when(new BringForwardApprovedTool(person, "ChatGPT Enterprise", WHY, APPROVED_AT))
                    .thenFails(AccessDenied.class);
        }
        assertThat(scenario().given(WAITING_FOR_TOOL).when(approved(" ")).thenFails(RuleViolation.class).field()).isEqualTo("tool");
    }

    @Test
    void anApprovalLeavesOtherReasonsOtherToolsAndCasesThatAreNotWaitingAlone() {
        // rejected for another reason, or for another tool, or an experiment's case (no rejection reason)
        scenario().given(OPENED).when(approved("ChatGPT")).then();
        scenario().given(WAITING_FOR_TOOL).when(approved("ChatGPT")).then();
        scenario().given(WAITING_FOR_TOOL).when(approved("ChatGPT Enterprise EU")).then();
        Origin experiment = new Origin(CaseSource.EXPERIMENT, IDEA, UUID.randomUUID(), "finance", "Contracts", "ChatGPT Enterprise",
                null, null, "FAILED", "REVISIT", "too many errors", "lena", UUID.randomUUID(), "experiment.concluded");
        scenario().given(new CaseOpened(ID, experiment, null, "P3M", IntervalSource.GLOBAL, T0, WAITING_FOR_TOOL.dueAt()))
                .when(approved("ChatGPT Enterprise")).then();
        Origin noTool = new Origin(CaseSource.REJECTION, IDEA, null, "finance", "Contracts", null, "alice", "TOOL_NOT_APPROVED", null,
                null, null, "fiona", UUID.randomUUID(), "idea.rejected");
        scenario().given(new CaseOpened(ID, noTool, null, "P3M", IntervalSource.GLOBAL, T0, WAITING_FOR_TOOL.dueAt()))
                .when(approved("ChatGPT Enterprise")).then();
        // already due, or closed: nothing, and no failure (a consumed event must not dead-letter over it)
        CaseDue due = new CaseDue(ID, 1, WAITING_FOR_TOOL.dueAt(), WAITING_FOR_TOOL.dueAt().plusSeconds(1), "finance",
                "ChatGPT Enterprise", "Contracts", IDEA);
        scenario().given(WAITING_FOR_TOOL, due).when(approved("ChatGPT Enterprise")).then();
        scenario().given(WAITING_FOR_TOOL, due, new CaseDropped(ID, 1, "outsourced", "anna"))
                .when(approved("ChatGPT Enterprise")).then();
    }

    @Test
    void aSecondApprovalOfTheSameToolYieldsNoSecondEvent() {
        CaseBroughtForward forward = new CaseBroughtForward(ID, 1, WAITING_FOR_TOOL.dueAt(), APPROVED_AT, "system:revisit-service", WHY);
        // brought forward but not fired yet: it is due already
        scenario().given(WAITING_FOR_TOOL, forward).when(new BringForwardApprovedTool(SYSTEM, "ChatGPT Enterprise", WHY,
                APPROVED_AT.plusSeconds(1))).then();
        scenario().given(WAITING_FOR_TOOL, forward).when(approved("ChatGPT Enterprise")).then();
        // fired
        CaseDue due = new CaseDue(ID, 1, APPROVED_AT, APPROVED_AT.plusMillis(5), "finance", "ChatGPT Enterprise", "Contracts", IDEA);
        scenario().given(WAITING_FOR_TOOL, forward, due).when(approved("ChatGPT Enterprise")).then();
    }

    @Test
    void aNextCycleAfterAStillNotFeasibleIsBroughtForwardByALaterApprovalAgain() {
        CaseDue due = new CaseDue(ID, 1, WAITING_FOR_TOOL.dueAt(), WAITING_FOR_TOOL.dueAt(), "finance", "ChatGPT Enterprise",
                "Contracts", IDEA);
        Instant evaluated = Instant.parse("2026-04-02T00:00:00Z");
        CaseStillNotFeasible still = new CaseStillNotFeasible(ID, 1, "approval pending", "anna", evaluated, "P3M", IntervalSource.CASE,
                2, Instant.parse("2026-07-02T00:00:00Z"));
        Instant later = Instant.parse("2026-05-01T00:00:00Z");
        scenario().given(WAITING_FOR_TOOL, due, still).when(new BringForwardApprovedTool(SYSTEM, "ChatGPT Enterprise", WHY, later))
                .then(new CaseBroughtForward(ID, 2, still.nextDueAt(), later, "system:revisit-service", WHY));
    }
}
