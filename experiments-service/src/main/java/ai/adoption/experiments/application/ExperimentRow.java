package ai.adoption.experiments.application;

import ai.adoption.experiments.domain.ExperimentStatus;
import ai.adoption.experiments.domain.FundingCommitment;
import ai.adoption.experiments.domain.Outcome;
import ai.adoption.experiments.domain.Recommendation;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** One row of the {@code experiment_view} read model, kept by {@link ExperimentProjection}. */
@Entity
@Table(name = "experiment_view")
public class ExperimentRow extends PanacheEntityBase {

    @Id
    @Column(name = "experiment_id")
    public UUID id;
    @Column(name = "version")
    public long version;
    @Column(name = "idea_id")
    public UUID ideaId;
    @Column(name = "title")
    public String title;
    @Column(name = "department")
    public String department;
    @Column(name = "lead")
    public String lead;
    @Column(name = "scope")
    public String scope;
    @Column(name = "tool")
    public String tool;
    @Column(name = "start_date")
    public LocalDate startDate;
    @Column(name = "planned_end_date")
    public LocalDate plannedEndDate;
    @Convert(converter = JsonColumns.Strings.class)
    @Column(name = "success_criteria")
    public List<String> successCriteria;
    @Convert(converter = JsonColumns.Commitment.class)
    @Column(name = "funding")
    public FundingCommitment funding;
    @Enumerated(EnumType.STRING)
    @Column(name = "status")
    public ExperimentStatus status;
    @Column(name = "started_by")
    public String startedBy;
    @Column(name = "started_at")
    public Instant startedAt;
    @Column(name = "updated_at")
    public Instant updatedAt;
    @Enumerated(EnumType.STRING)
    @Column(name = "outcome")
    public Outcome outcome;
    @Enumerated(EnumType.STRING)
    @Column(name = "recommendation")
    public Recommendation recommendation;
    @Column(name = "summary")
    public String summary;
    @Column(name = "abandon_reason")
    public String abandonReason;
    @Column(name = "ended_at")
    public Instant endedAt;
    @Column(name = "ended_by")
    public String endedBy;
    @Column(name = "learning_count")
    public int learningCount;

    /** Derived on read: still running after its planned end. */
    public boolean overdueOn(LocalDate today) {
        return status == ExperimentStatus.RUNNING && plannedEndDate.isBefore(today);
    }
}
