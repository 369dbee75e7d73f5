package ai.adoption.experiments.application;

import ai.adoption.experiments.domain.LearningCategory;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/**
 * One row of the {@code learning_view} read model. Its full-text {@code search} column is generated
 * by PostgreSQL and only used by the native search query, so it is not mapped.
 */
@Entity
@Table(name = "learning_view")
public class LearningRow extends PanacheEntityBase {

    @Id
    @Column(name = "learning_id")
    public UUID id;
    @Column(name = "experiment_id")
    public UUID experimentId;
    @Column(name = "experiment_title")
    public String experimentTitle;
    @Column(name = "department")
    public String department;
    @Column(name = "tool")
    public String tool;
    @Enumerated(EnumType.STRING)
    @Column(name = "category")
    public LearningCategory category;
    @Column(name = "text")
    public String text;
    @Column(name = "recorded_by")
    public String recordedBy;
    @Column(name = "recorded_at")
    public Instant recordedAt;
}
