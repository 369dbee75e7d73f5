package ai.adoption.experiments.application;

import ai.adoption.experiments.domain.BenefitCategory;
import ai.adoption.experiments.domain.DataClassification;
import ai.adoption.experiments.domain.FundingDecision;
import ai.adoption.experiments.domain.IdeaStatus;
import ai.adoption.experiments.domain.RejectionReason;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** One row of the {@code idea_view} read model, kept by {@link IdeaProjection}. */
@Entity
@Table(name = "idea_view")
public class IdeaRow extends PanacheEntityBase {

    @Id
    @Column(name = "idea_id")
    public UUID id;
    @Column(name = "version")
    public long version;
    @Enumerated(EnumType.STRING)
    @Column(name = "status")
    public IdeaStatus status;
    @Column(name = "title")
    public String title;
    @Column(name = "problem")
    public String problem;
    @Column(name = "ai_tool")
    public String aiTool;
    @Enumerated(EnumType.STRING)
    @Column(name = "data_classification")
    public DataClassification dataClassification;
    @Enumerated(EnumType.STRING)
    @Column(name = "benefit_category")
    public BenefitCategory benefitCategory;
    @Column(name = "department")
    public String department;
    @Column(name = "submitter")
    public String submitter;
    @Column(name = "submitted_at")
    public Instant submittedAt;
    @Column(name = "updated_at")
    public Instant updatedAt;
    @Column(name = "decision")
    public String decision;
    @Column(name = "decided_at")
    public Instant decidedAt;
    @Column(name = "decided_by")
    public String decidedBy;
    @Column(name = "decision_comment")
    public String decisionComment;
    @Enumerated(EnumType.STRING)
    @Column(name = "rejection_reason")
    public RejectionReason rejectionReason;
    @Column(name = "revisit_after")
    public String revisitAfter;
    @Convert(converter = JsonColumns.Decision.class)
    @Column(name = "funding")
    public FundingDecision funding;
    @Column(name = "withdrawal_reason")
    public String withdrawalReason;
    @Column(name = "running_experiment_id")
    public UUID runningExperimentId;
    @Column(name = "experiment_count")
    public int experimentCount;
    @Column(name = "reopened_at")
    public Instant reopenedAt;
    @Column(name = "reopen_count")
    public int reopenCount;
    @Column(name = "revisit_case_id")
    public UUID revisitCaseId;
    /** Governance findings about the idea, oldest first; replaced (never changed in place) when one is added. */
    @Convert(converter = JsonColumns.Findings.class)
    @Column(name = "findings")
    public List<Views.FindingView> findings = List.of();
}
