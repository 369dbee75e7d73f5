package ai.adoption.experiments.domain.prompt;

import ai.adoption.eventsourcing.core.AccessDenied;
import ai.adoption.eventsourcing.core.Actor;
import ai.adoption.eventsourcing.core.IllegalTransition;
import ai.adoption.eventsourcing.core.RuleViolation;
import ai.adoption.eventsourcing.core.Scenario;
import ai.adoption.experiments.domain.DataClassification;
import ai.adoption.experiments.domain.prompt.PromptEvent.PromptApproved;
import ai.adoption.experiments.domain.prompt.PromptEvent.PromptDrafted;
import ai.adoption.experiments.domain.prompt.PromptEvent.PromptRevised;
import ai.adoption.experiments.domain.prompt.PromptEvent.PromptSubmittedForReview;
import ai.adoption.experiments.domain.prompt.PromptEvent.PromptTried;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PromptDeciderTest {

    static final UUID ID = UUID.fromString("00000000-0000-0000-0000-0000000000f1");
    static final LocalDate TODAY = LocalDate.of(2026, 12, 3);
    static final Actor AUTHOR = new Actor("alice", Set.of("employee"), "finance");
    static final Actor COLLEAGUE = new Actor("carl", Set.of("employee"), "finance");
    static final Actor AMBASSADOR = new Actor("amir", Set.of("ambassador"), "finance");
    static final Actor HR_AMBASSADOR = new Actor("hana", Set.of("ambassador"), "hr");
    static final Actor ADMIN = new Actor("root", Set.of("admin"), null);
    static final PromptContent CONTENT = new PromptContent("Summarise contracts", "Finance", "Find the renewal date in {{contract}}",
            List.of("contract"), "Renews on 2027-03-01", List.of("ChatGPT Enterprise"), DataClassification.CONFIDENTIAL);
    static final PromptDrafted DRAFTED = new PromptDrafted(ID, 1, "finance", "alice", CONTENT.useCase(), CONTENT.businessFunction(),
            CONTENT.text(), CONTENT.variables(), CONTENT.exampleOutput(), CONTENT.tools(), CONTENT.maxDataClass(), null, null);
    static final PromptSubmittedForReview IN_REVIEW = new PromptSubmittedForReview(ID, 1, "finance", "alice");
    static final PromptApproved APPROVED = new PromptApproved(ID, 1, "finance", "amir", CONTENT.tools(), CONTENT.maxDataClass(), 0);
    static final Map<String, List<ToolTerms.Term>> ALLOWED = Map.of("chatgpt enterprise", List.of(new ToolTerms.Term(
            List.of(DataClassification.INTERNAL, DataClassification.CONFIDENTIAL), TODAY.minusDays(10), null, null)));

    Scenario<PromptCommand, PromptEvent, PromptEntry> scenario() {
        return Scenario.of(new PromptDecider());
    }

    @Test
    void anEmployeeDraftsInTheirDepartment() {
        scenario().when(new PromptCommand.DraftPrompt(ID, AUTHOR, CONTENT, null, null)).then(DRAFTED);
    }

    @Test
    void variablesMustBeDeclaredAndUsed() {
        PromptContent undeclared = new PromptContent("u", "f", "Use {{contract}} and {{date}}", List.of("contract"), "x",
                List.of("T"), DataClassification.PUBLIC);
        assertThat(scenario().when(new PromptCommand.DraftPrompt(ID, AUTHOR, undeclared, null, null)).thenFails(RuleViolation.class)
                .getMessage()).contains("{{date}}");
        PromptContent unused = new PromptContent("u", "f", "Use {{contract}}", List.of("contract", "date"), "x", List.of("T"),
                DataClassification.PUBLIC);
        assertThat(scenario().when(new PromptCommand.DraftPrompt(ID, AUTHOR, unused, null, null)).thenFails(RuleViolation.class)
                .field()).isEqualTo("variables");
        for (String broken : List.of("Use {{ contract }}", "Use {{contract", "Use {{con{{tract}}}}", "Use {{}}")) {
            PromptContent bad = new PromptContent("u", "f", broken, List.of("contract"), "x", List.of("T"), DataClassification.PUBLIC);
            assertThat(scenario().when(new PromptCommand.DraftPrompt(ID, AUTHOR, bad, null, null)).thenFails(RuleViolation.class)
                    .field()).as(broken).isIn("text", "variables");
        }
    }

    @Test
    void onlyAnAmbassadorOfTheDepartmentOrAnAdminApproves() {
        var approve = new PromptCommand.ApprovePrompt(COLLEAGUE, ALLOWED, TODAY);
        scenario().given(DRAFTED, IN_REVIEW).when(approve).thenFails(AccessDenied.class);
        scenario().given(DRAFTED, IN_REVIEW).when(new PromptCommand.ApprovePrompt(HR_AMBASSADOR, ALLOWED, TODAY))
                .thenFails(AccessDenied.class);
        scenario().given(DRAFTED, IN_REVIEW).when(new PromptCommand.ApprovePrompt(AMBASSADOR, ALLOWED, TODAY)).then(APPROVED);
        scenario().given(DRAFTED, IN_REVIEW).when(new PromptCommand.ApprovePrompt(ADMIN, ALLOWED, TODAY))
                .then(new PromptApproved(ID, 1, "finance", "root", CONTENT.tools(), CONTENT.maxDataClass(), 0));
        scenario().given(DRAFTED).when(new PromptCommand.ApprovePrompt(AMBASSADOR, ALLOWED, TODAY)).thenFails(IllegalTransition.class);
    }

    @Test
    void approvalIsRefusedForAToolNotApprovedForTheDataClassNamingBoth() {
        var internalOnly = Map.of("chatgpt enterprise", List.of(new ToolTerms.Term(List.of(DataClassification.INTERNAL),
                TODAY.minusDays(1), null, null)));
        assertThatThrownBy(() -> new PromptDecider().decide(new PromptCommand.ApprovePrompt(AMBASSADOR, internalOnly, TODAY),
                fold(DRAFTED, IN_REVIEW))).isInstanceOfSatisfying(ToolNotAllowed.class, e -> {
                    assertThat(e.breach().tool()).isEqualTo("ChatGPT Enterprise");
                    assertThat(e.breach().dataClass()).isEqualTo(DataClassification.CONFIDENTIAL);
                });
        var revoked = Map.of("chatgpt enterprise", List.of(new ToolTerms.Term(List.of(DataClassification.CONFIDENTIAL),
                TODAY.minusDays(10), null, TODAY)));
        assertThatThrownBy(() -> new PromptDecider().decide(new PromptCommand.ApprovePrompt(AMBASSADOR, revoked, TODAY),
                fold(DRAFTED, IN_REVIEW))).isInstanceOf(ToolNotAllowed.class).hasMessageContaining("revoked");
        var expired = Map.of("chatgpt enterprise", List.of(new ToolTerms.Term(List.of(DataClassification.CONFIDENTIAL),
                TODAY.minusDays(10), TODAY.minusDays(1), null)));
        assertThatThrownBy(() -> new PromptDecider().decide(new PromptCommand.ApprovePrompt(AMBASSADOR, expired, TODAY),
                fold(DRAFTED, IN_REVIEW))).isInstanceOf(ToolNotAllowed.class).hasMessageContaining("expired");
        assertThatThrownBy(() -> new PromptDecider().decide(new PromptCommand.ApprovePrompt(AMBASSADOR, Map.of(), TODAY),
                fold(DRAFTED, IN_REVIEW))).isInstanceOf(ToolNotAllowed.class).hasMessageContaining("not on the approved-tools list");
    }

    @Test
    void revisingAnApprovedEntryKeepsItServedUntilTheNewVersionIsApproved() {
        PromptEntry served = fold(DRAFTED, IN_REVIEW, APPROVED);
        List<PromptEvent> revised = new PromptDecider().decide(new PromptCommand.RevisePrompt(AUTHOR, CONTENT), served);
        assertThat(revised).singleElement().isInstanceOf(PromptRevised.class).extracting(e -> ((PromptRevised) e).version()).isEqualTo(2);
        PromptEntry draft2 = new PromptDecider().evolve(served, revised.get(0));
        assertThat(draft2.servedVersion()).isEqualTo(1);
        assertThat(draft2.status()).isEqualTo(PromptStatus.APPROVED);
        assertThat(draft2.latestStatus()).isEqualTo(PromptStatus.DRAFT);
        scenario().given(DRAFTED, IN_REVIEW, APPROVED, revised.get(0), new PromptSubmittedForReview(ID, 2, "finance", "alice"))
                .when(new PromptCommand.ApprovePrompt(AMBASSADOR, ALLOWED, TODAY))
                .then(new PromptApproved(ID, 2, "finance", "amir", CONTENT.tools(), CONTENT.maxDataClass(), 1));
        // someone else's entry: a colleague may not revise it
        scenario().given(DRAFTED).when(new PromptCommand.RevisePrompt(COLLEAGUE, CONTENT)).thenFails(AccessDenied.class);
    }

    @Test
    void usesAreCountedOnlyOnAServedEntryWithBoundedMinutes() {
        scenario().given(DRAFTED).when(new PromptCommand.RecordPromptUse(COLLEAGUE, 5)).thenFails(IllegalTransition.class);
        scenario().given(DRAFTED, IN_REVIEW, APPROVED).when(new PromptCommand.RecordPromptUse(COLLEAGUE, 5))
                .then(new PromptTried(ID, 1, "finance", "carl", 5));
        scenario().given(DRAFTED, IN_REVIEW, APPROVED).when(new PromptCommand.RecordPromptUse(COLLEAGUE, null))
                .then(new PromptTried(ID, 1, "finance", "carl", null));
        for (int bad : new int[] {-1, PromptDecider.MAX_MINUTES_SAVED + 1}) {
            assertThat(scenario().given(DRAFTED, IN_REVIEW, APPROVED).when(new PromptCommand.RecordPromptUse(COLLEAGUE, bad))
                    .thenFails(RuleViolation.class).field()).isEqualTo("minutesSaved");
        }
        scenario().given(DRAFTED, IN_REVIEW, APPROVED, new PromptEvent.PromptDeprecated(ID, "finance", "amir", null))
                .when(new PromptCommand.RecordPromptUse(COLLEAGUE, 5)).thenFails(IllegalTransition.class);
    }

    private static PromptEntry fold(PromptEvent... events) {
        PromptDecider decider = new PromptDecider();
        PromptEntry entry = decider.initialState();
        for (PromptEvent event : events) {
            entry = decider.evolve(entry, event);
        }
        return entry;
    }
}
