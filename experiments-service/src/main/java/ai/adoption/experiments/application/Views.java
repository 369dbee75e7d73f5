package ai.adoption.experiments.application;

import ai.adoption.experiments.domain.BenefitCategory;
import ai.adoption.experiments.domain.DataClassification;
import ai.adoption.experiments.domain.ExperimentStatus;
import ai.adoption.experiments.domain.FundingCommitment;
import ai.adoption.experiments.domain.FindingKind;
import ai.adoption.experiments.domain.FundingDecision;
import ai.adoption.experiments.domain.IdeaStatus;
import ai.adoption.experiments.domain.LearningCategory;
import ai.adoption.experiments.domain.Outcome;
import ai.adoption.experiments.domain.Recommendation;
import ai.adoption.experiments.domain.RejectionReason;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** What the read side answers. Field names are the public JSON contract. */
public final class Views {

    private Views() {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(requiredProperties = {"id", "status", "title", "problem", "aiTool", "dataClassification", "benefitCategory",
            "department", "submitter", "submittedAt", "experimentCount", "findings"})
    public record IdeaView(UUID id, @JsonIgnore long version, IdeaStatus status, String title, String problem, String aiTool,
                           DataClassification dataClassification, BenefitCategory benefitCategory, String department,
                           String submitter, Instant submittedAt, Instant updatedAt, String decision, Instant decidedAt,
                           String decidedBy, String decisionComment, RejectionReason rejectionReason, String revisitAfter,
                           FundingDecision funding, String withdrawalReason, UUID runningExperimentId,
                           int experimentCount, Instant reopenedAt, int reopenCount, UUID revisitCaseId,
                           @Schema(description = "What the governance service found about the idea's tool or data, oldest "
                                   + "first (empty when nothing): for the approver to read before deciding")
                           List<FindingView> findings) {

        static IdeaView of(IdeaRow r) {
            return new IdeaView(r.id, r.version, r.status, r.title, r.problem, r.aiTool, r.dataClassification,
                    r.benefitCategory, r.department, r.submitter, r.submittedAt, r.updatedAt, r.decision, r.decidedAt,
                    r.decidedBy, r.decisionComment, r.rejectionReason, r.revisitAfter, r.funding, r.withdrawalReason,
                    r.runningExperimentId, r.experimentCount, r.reopenedAt, r.reopenCount, r.revisitCaseId,
                    r.findings == null ? List.of() : r.findings);
        }
    }

    /**
     * One governance finding on an idea ({@code idea.finding-recorded}), with when this service recorded
     * it. {@code tool}, {@code dataClassification} and {@code message} are absent when governance sent none.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(requiredProperties = {"findingId", "kind", "allowedDataClasses", "recordedAt"})
    public record FindingView(UUID findingId, FindingKind kind, String tool, DataClassification dataClassification,
                              @Schema(description = "The data classes the tool is approved for; empty when it is approved for none")
                              List<DataClassification> allowedDataClasses,
                              String message, Instant recordedAt,
                              @Schema(description = "When governance resolved the finding (its cause went away); null while open")
                              Instant resolvedAt,
                              @Schema(description = "How the finding's cause went away; null while open")
                              String resolution) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(requiredProperties = {"id", "ideaId", "title", "department", "lead", "scope", "tool", "startDate",
            "plannedEndDate", "successCriteria", "businessUnitFunding", "status", "overdue", "startedBy", "startedAt",
            "learningCount"})
    public record ExperimentView(UUID id, @JsonIgnore long version, UUID ideaId, String title, String department,
                                 String lead, String scope, String tool, LocalDate startDate, LocalDate plannedEndDate,
                                 List<String> successCriteria, FundingCommitment businessUnitFunding,
                                 ExperimentStatus status, boolean overdue, String startedBy, Instant startedAt,
                                 Instant updatedAt, Outcome outcome, Recommendation recommendation, String summary,
                                 String abandonReason, Instant endedAt, String endedBy, int learningCount,
                                 List<LearningView> learnings) {

        static ExperimentView of(ExperimentRow r, LocalDate today, List<LearningView> learnings) {
            return new ExperimentView(r.id, r.version, r.ideaId, r.title, r.department, r.lead, r.scope, r.tool,
                    r.startDate, r.plannedEndDate, r.successCriteria, r.funding, r.status, r.overdueOn(today), r.startedBy,
                    r.startedAt, r.updatedAt, r.outcome, r.recommendation, r.summary, r.abandonReason, r.endedAt, r.endedBy,
                    r.learningCount, learnings);
        }

        ExperimentView withLearnings(List<LearningView> all) {
            return new ExperimentView(id, version, ideaId, title, department, lead, scope, tool, startDate, plannedEndDate,
                    successCriteria, businessUnitFunding, status, overdue, startedBy, startedAt, updatedAt, outcome,
                    recommendation, summary, abandonReason, endedAt, endedBy, learningCount, all);
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(requiredProperties = {"id", "experimentId", "category", "text", "recordedBy", "recordedAt"})
    public record LearningView(UUID id, UUID experimentId, String experimentTitle, String department, String tool,
                               LearningCategory category, String text, String recordedBy, Instant recordedAt,
                               Double rank,
                               @Schema(description = "Search only: HTML, the text HTML-escaped with <b> around the matches") String headline) {

        static LearningView of(LearningRow r) {
            return new LearningView(r.id, r.experimentId, r.experimentTitle, r.department, r.tool, r.category, r.text,
                    r.recordedBy, r.recordedAt, null, null);
        }
    }

    /** The adoption funnel of one department over a period. */
    @Schema(requiredProperties = {"department", "submitted", "approved", "rejected", "experimentsStarted", "runningNow",
            "succeeded", "failed", "inconclusive", "abandoned", "recommendedToScale"})
    public record FunnelRow(String department, long submitted, long approved, long rejected, long experimentsStarted,
                            long runningNow, long succeeded, long failed, long inconclusive, long abandoned,
                            long recommendedToScale, long reopened) {
    }

    @Schema(requiredProperties = {"from", "to", "departments", "total"})
    public record Funnel(LocalDate from, LocalDate to, List<FunnelRow> departments, FunnelRow total) {
    }
}
