package ai.adoption.governance.domain;

import ai.adoption.eventsourcing.core.AccessDenied;
import ai.adoption.eventsourcing.core.Actor;
import ai.adoption.eventsourcing.core.IllegalTransition;
import ai.adoption.eventsourcing.core.RuleViolation;
import ai.adoption.eventsourcing.core.Scenario;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The AI-scan's lifecycle and who may do what, without Quarkus. */
class ScanDeciderTest {

    private static final UUID SCAN = UUID.randomUUID();
    private static final LocalDate FROM = LocalDate.of(2026, 10, 1);
    private static final LocalDate TO = LocalDate.of(2026, 12, 31);
    private static final Actor APPROVER = new Actor("fiona", Set.of(Access.APPROVER), "finance");
    private static final Actor ALICE = new Actor("alice", Set.of(Access.EMPLOYEE), "finance");
    private static final Actor OUTSIDER = new Actor("lena", Set.of(Access.EMPLOYEE), "legal");
    private static final ScanEvent OPENED = new ScanEvent.ScanOpened(SCAN, "finance", "2026-Q4", FROM, TO);

    private static List<ScanLevel> levels(int data, int technology, int customer, int literacy) {
        return List.of(new ScanLevel(ScanDimension.DATA, data), new ScanLevel(ScanDimension.TECHNOLOGY, technology),
                new ScanLevel(ScanDimension.CUSTOMER_FOCUS, customer), new ScanLevel(ScanDimension.AI_LITERACY, literacy));
    }

    private static List<ScanLevel> reversed(List<ScanLevel> levels) {
        java.util.ArrayList<ScanLevel> copy = new java.util.ArrayList<>(levels);
        java.util.Collections.reverse(copy);
        return copy;
    }

    @Test
    void anApproverOpensAMemberAnswersThenRevisesAndTheSameAnswerAgainRecordsNothing() {
        Scenario.of(new ScanDecider()).given().when(new ScanCommand.OpenScan(APPROVER, SCAN, "finance", null, FROM, TO))
                .then(new ScanEvent.ScanOpened(SCAN, "finance", "2026-10-01..2026-12-31", FROM, TO));
        Scenario.of(new ScanDecider()).given(OPENED).when(new ScanCommand.Answer(ALICE, SCAN, reversed(levels(3, 2, 4, 2))))
                .then(new ScanEvent.ScanAnswered(SCAN, "finance", "alice", levels(3, 2, 4, 2)));
        ScanEvent first = new ScanEvent.ScanAnswered(SCAN, "finance", "alice", levels(3, 2, 4, 2));
        Scenario.of(new ScanDecider()).given(OPENED, first).when(new ScanCommand.Answer(ALICE, SCAN, levels(3, 3, 4, 2)))
                .then(new ScanEvent.AnswerRevised(SCAN, "finance", "alice", levels(3, 3, 4, 2)));
        Scenario.of(new ScanDecider()).given(OPENED, first).when(new ScanCommand.Answer(ALICE, SCAN, levels(3, 2, 4, 2))).then();
    }

    @Test
    void aClosedScanTakesNoAnswerAndClosesOnce() {
        ScanEvent closed = new ScanEvent.ScanClosed(SCAN, "finance", TO, 0);
        Scenario.of(new ScanDecider()).given(OPENED).when(new ScanCommand.CloseScan(APPROVER, SCAN, TO)).then(closed);
        ScanDecider decider = new ScanDecider();
        Scan state = decider.fold(List.of(OPENED, closed));
        assertThatThrownBy(() -> decider.decide(new ScanCommand.Answer(ALICE, SCAN, levels(1, 1, 1, 1)), state))
                .isInstanceOf(IllegalTransition.class);
        assertThatThrownBy(() -> decider.decide(new ScanCommand.CloseScan(APPROVER, SCAN, TO), state)).isInstanceOf(IllegalTransition.class);
    }

    @Test
    void onlyTheDepartmentsApproverOrAnAdminOpensClosesAndSetsTargetsAndOnlyMembersAnswer() {
        ScanDecider decider = new ScanDecider();
        Scan open = decider.fold(List.of(OPENED));
        Actor otherApprover = new Actor("oscar", Set.of(Access.APPROVER), "legal");
        Actor co = new Actor("cora", Set.of(Access.COMPLIANCE_OFFICER), null);
        Actor admin = new Actor("root", Set.of(Access.ADMIN), null);
        for (Actor denied : List.of(ALICE, otherApprover, co)) {
            assertThatThrownBy(() -> decider.decide(new ScanCommand.OpenScan(denied, SCAN, "finance", null, FROM, TO), Scan.NONE))
                    .isInstanceOf(AccessDenied.class);
            assertThatThrownBy(() -> decider.decide(new ScanCommand.CloseScan(denied, SCAN, TO), open)).isInstanceOf(AccessDenied.class);
            assertThatThrownBy(() -> new ScanTargetDecider().decide(new ScanTargetCommand.SetTargets(denied, "finance",
                    List.of(new ScanLevel(ScanDimension.DATA, 4)), null), ScanTargets.NONE)).isInstanceOf(AccessDenied.class);
        }
        assertThat(decider.decide(new ScanCommand.OpenScan(admin, SCAN, "finance", "Q4", FROM, TO), Scan.NONE)).hasSize(1);
        assertThatThrownBy(() -> decider.decide(new ScanCommand.Answer(OUTSIDER, SCAN, levels(1, 1, 1, 1)), open))
                .isInstanceOf(AccessDenied.class);
        assertThatThrownBy(() -> decider.decide(new ScanCommand.Answer(admin, SCAN, levels(1, 1, 1, 1)), open))
                .isInstanceOf(AccessDenied.class);
    }

    @Test
    void anAnswerNeedsEveryDimensionOnceWithinOneToFive() {
        Scan open = new ScanDecider().fold(List.of(OPENED));
        for (List<ScanLevel> bad : List.of(levels(3, 2, 4, 2).subList(0, 3), levels(0, 2, 4, 2), levels(3, 6, 4, 2),
                List.of(new ScanLevel(ScanDimension.DATA, 1), new ScanLevel(ScanDimension.DATA, 2),
                        new ScanLevel(ScanDimension.TECHNOLOGY, 1), new ScanLevel(ScanDimension.AI_LITERACY, 1)))) {
            assertThatThrownBy(() -> new ScanDecider().decide(new ScanCommand.Answer(ALICE, SCAN, bad), open))
                    .isInstanceOf(RuleViolation.class).extracting(e -> ((RuleViolation) e).field()).isEqualTo("answers");
        }
        assertThatThrownBy(() -> new ScanDecider().decide(new ScanCommand.OpenScan(APPROVER, SCAN, "finance", null, TO, FROM), Scan.NONE))
                .isInstanceOf(RuleViolation.class).extracting(e -> ((RuleViolation) e).field()).isEqualTo("periodTo");
    }

    @Test
    void nextStepsFollowTheGaps() {
        ScanTargets targets = new ScanTargets("finance", List.of(new ScanLevel(ScanDimension.AI_LITERACY, 4),
                new ScanLevel(ScanDimension.DATA, 3), new ScanLevel(ScanDimension.TECHNOLOGY, 2)));
        List<ScanResult> results = ScanResult.of(List.of(levels(1, 1, 2, 2), levels(2, 5, 3, 2), levels(2, 4, 3, 3)), targets);
        LiteracyCoverage coverage = LiteracyCoverage.of(TO, 4, 1);
        List<ScanNextSteps.NextStep> steps = ScanNextSteps.suggest(SCAN, "finance", TO, results, coverage);
        assertThat(steps).extracting(ScanNextSteps.NextStep::kind).containsExactly("TRAIN_ACCOUNTABLE", "REVIEW_DATA", "DISCUSS_SPREAD");
        assertThat(steps.get(0).path()).isEqualTo("/ai-literacy/gaps?department=finance&asOf=2026-12-31");
        assertThat(steps.get(0).text()).contains("3 of 4");
        // at target by their own answers, but the records say otherwise
        List<ScanResult> atTarget = ScanResult.of(List.of(levels(3, 3, 3, 4)), targets);
        assertThat(ScanNextSteps.suggest(SCAN, "finance", TO, atTarget, coverage)).extracting(ScanNextSteps.NextStep::kind)
                .containsExactly("CHECK_SELF_ASSESSMENT");
        assertThat(ScanNextSteps.suggest(SCAN, "finance", TO, ScanResult.of(List.of(levels(3, 3, 3, 3)), ScanTargets.NONE),
                LiteracyCoverage.of(TO, 0, 0))).extracting(ScanNextSteps.NextStep::kind).containsExactly("SET_TARGETS");
    }
}
