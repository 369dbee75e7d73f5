package ai.adoption.experiments.domain;

import ai.adoption.eventsourcing.core.AccessDenied;
import ai.adoption.eventsourcing.core.Actor;
import ai.adoption.eventsourcing.core.IllegalTransition;
import ai.adoption.eventsourcing.core.RuleViolation;
import ai.adoption.eventsourcing.core.Scenario;
import ai.adoption.experiments.domain.ExperimentCommand.AbandonExperiment;
import ai.adoption.experiments.domain.ExperimentCommand.ConcludeExperiment;
import ai.adoption.experiments.domain.ExperimentCommand.RecordLearning;
import ai.adoption.experiments.domain.ExperimentCommand.StartExperiment;
import ai.adoption.experiments.domain.ExperimentEvent.ExperimentAbandoned;
import ai.adoption.experiments.domain.ExperimentEvent.ExperimentConcluded;
import ai.adoption.experiments.domain.ExperimentEvent.ExperimentStarted;
import ai.adoption.experiments.domain.ExperimentEvent.LearningRecorded;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class ExperimentDeciderTest {

    static final UUID ID = UUID.fromString("00000000-0000-0000-0000-0000000000e1");
    static final UUID IDEA = UUID.fromString("00000000-0000-0000-0000-000000000001");
    static final UUID LEARNING = UUID.fromString("00000000-0000-0000-0000-0000000000a1");
    static final Actor APPROVER = new Actor("fiona", Set.of("approver"), "finance");
    static final Actor HR_APPROVER = new Actor("harry", Set.of("approver"), "hr");
    static final Actor LEAD = new Actor("lena", Set.of("employee"), "it");
    static final Actor COLLEAGUE = new Actor("carl", Set.of("employee"), "finance");
    static final Actor OUTSIDER = new Actor("oscar", Set.of("employee"), "sales");
    static final LocalDate START = LocalDate.of(2026, 12, 1);
    static final FundingCommitment FUNDING = new FundingCommitment("Finance operations", "cfo", new BigDecimal("25000"), "EUR");
    static final ExperimentStarted STARTED = new ExperimentStarted(ID, IDEA, "finance", "Contract summaries", "lena",
            "Supplier renewals only", "ChatGPT", DataClassification.CONFIDENTIAL, START, START.plusWeeks(6),
            List.of("95% of dates found"), FUNDING, "fiona");

    Scenario<ExperimentCommand, ExperimentEvent, Experiment> scenario() {
        return Scenario.of(new ExperimentDecider());
    }

    StartExperiment start(Actor actor, LocalDate end, List<String> criteria, FundingCommitment funding) {
        return new StartExperiment(ID, IDEA, actor, "finance", "Contract summaries", DataClassification.CONFIDENTIAL, "lena",
                "Supplier renewals only", "ChatGPT", START, end, criteria, funding);
    }

    @Test
    void anApproverStartsATimeBoxedExperimentInALimitedScope() {
        scenario().given().when(start(APPROVER, START.plusWeeks(6), List.of(" 95% of dates found "), FUNDING)).then(STARTED);
    }

    @Test
    void theStartCarriesTheIdeasDataClassificationForTheGovernanceRegister() {
        StartExperiment personal = new StartExperiment(ID, IDEA, APPROVER, "finance", "Contract summaries",
                DataClassification.PERSONAL, "lena", "Supplier renewals only", "ChatGPT", START, START.plusWeeks(6),
                List.of("95% of dates found"), FUNDING);
        scenario().given().when(personal).then(new ExperimentStarted(ID, IDEA, "finance", "Contract summaries", "lena",
                "Supplier renewals only", "ChatGPT", DataClassification.PERSONAL, START, START.plusWeeks(6),
                List.of("95% of dates found"), FUNDING, "fiona"));
    }

    @Test
    void anExperimentStartedBeforeTheClassificationWasRecordedStillRuns() {
        // experiment.started v1 stored before dataClassification was added decodes with null
        ExperimentStarted old = new ExperimentStarted(ID, IDEA, "finance", "Contract summaries", "lena",
                "Supplier renewals only", "ChatGPT", null, START, START.plusWeeks(6), List.of("x"), FUNDING, "fiona");
        scenario().given(old).when(new ConcludeExperiment(LEAD, Outcome.SUCCEEDED, Recommendation.SCALE, "fine"))
                .then(new ExperimentConcluded(ID, IDEA, "finance", "Contract summaries", "ChatGPT", Outcome.SUCCEEDED,
                        Recommendation.SCALE, "fine", "lena"));
    }

    @Test
    void startingNeedsATimeBoxCriteriaAndTheBusinessUnitsCommitment() {
        assertThat(scenario().given().when(start(APPROVER, START, List.of("x"), FUNDING))
                .thenFails(RuleViolation.class).field()).isEqualTo("plannedEndDate");
        assertThat(scenario().given().when(start(APPROVER, START.plusDays(1), List.of(), FUNDING))
                .thenFails(RuleViolation.class).field()).isEqualTo("successCriteria");
        assertThat(scenario().given().when(start(APPROVER, START.plusDays(1), List.of("x"), null))
                .thenFails(RuleViolation.class).field()).isEqualTo("businessUnitFunding");
    }

    @Test
    void onlyAnApproverOfTheIdeasDepartmentStartsIt() {
        scenario().given().when(start(HR_APPROVER, START.plusDays(9), List.of("x"), FUNDING)).thenFails(AccessDenied.class);
        scenario().given().when(start(COLLEAGUE, START.plusDays(9), List.of("x"), FUNDING)).thenFails(AccessDenied.class);
    }

    @Test
    void theLeadAndTheDepartmentRecordLearningsWhileItRuns() {
        scenario().given(STARTED).when(new RecordLearning(LEAD, LEARNING, LearningCategory.SURPRISINGLY_EASY, "Prompting was easy"))
                .then(new LearningRecorded(ID, LEARNING, LearningCategory.SURPRISINGLY_EASY, "Prompting was easy", "lena"));
        scenario().given(STARTED).when(new RecordLearning(COLLEAGUE, LEARNING, LearningCategory.TOOL_CON, "Slow on long PDFs"))
                .then(new LearningRecorded(ID, LEARNING, LearningCategory.TOOL_CON, "Slow on long PDFs", "carl"));
        scenario().given(STARTED).when(new RecordLearning(OUTSIDER, LEARNING, LearningCategory.HARD, "x"))
                .thenFails(AccessDenied.class);
    }

    @Test
    void itConcludesOnceWithOutcomeAndRecommendation() {
        ExperimentConcluded concluded = new ExperimentConcluded(ID, IDEA, "finance", "Contract summaries", "ChatGPT",
                Outcome.FAILED, Recommendation.REVISIT, "Dates were hallucinated", "lena");
        scenario().given(STARTED).when(new ConcludeExperiment(LEAD, Outcome.FAILED, Recommendation.REVISIT, "Dates were hallucinated"))
                .then(concluded);
        assertThat(scenario().given(STARTED, concluded)
                .when(new ConcludeExperiment(LEAD, Outcome.SUCCEEDED, Recommendation.SCALE, "again"))
                .thenFails(IllegalTransition.class).currentState()).isEqualTo("CONCLUDED");
        assertThat(scenario().given(STARTED, concluded)
                .when(new RecordLearning(LEAD, LEARNING, LearningCategory.WORKED, "late"))
                .thenFails(IllegalTransition.class).currentState()).isEqualTo("CONCLUDED");
    }

    @Test
    void itMayBeAbandonedWithAReasonButNotByOutsiders() {
        scenario().given(STARTED).when(new AbandonExperiment(APPROVER, "Vendor withdrew the tool"))
                .then(new ExperimentAbandoned(ID, IDEA, "finance", "Contract summaries", "ChatGPT", "Vendor withdrew the tool", "fiona"));
        scenario().given(STARTED).when(new AbandonExperiment(OUTSIDER, "no")).thenFails(AccessDenied.class);
        scenario().given(STARTED).when(new ConcludeExperiment(COLLEAGUE, Outcome.SUCCEEDED, Recommendation.SCALE, "x"))
                .thenFails(AccessDenied.class);
    }

    @Test
    void aRunningExperimentPastItsPlannedEndIsOverdue() {
        Experiment running = new ExperimentDecider().fold(List.of(STARTED));
        assertThat(running.isOverdue(START.plusWeeks(6))).isFalse();
        assertThat(running.isOverdue(START.plusWeeks(6).plusDays(1))).isTrue();
        Experiment abandoned = new ExperimentDecider().fold(List.of(STARTED,
                new ExperimentAbandoned(ID, IDEA, "finance", "t", "tool", "r", "fiona")));
        assertThat(abandoned.isOverdue(START.plusYears(1))).isFalse();
    }
}
