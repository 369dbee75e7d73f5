package ai.adoption.revisit.application;

import ai.adoption.revisit.domain.CaseSource;
import ai.adoption.revisit.domain.CaseStatus;
import ai.adoption.revisit.domain.Closure;
import ai.adoption.revisit.domain.IntervalSource;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** One row of the {@code revisit_case} read model, kept by {@link CaseProjection} (and the scheduler's due batches). */
@Entity
@Table(name = "revisit_case")
public class CaseRow extends PanacheEntityBase {

    @Id
    @Column(name = "case_id")
    public UUID id;
    public long version;
    @Enumerated(EnumType.STRING)
    public CaseStatus status;
    public int cycle;
    @Column(name = "cycle_started_at")
    public Instant cycleStartedAt;
    @Column(name = "due_at")
    public Instant dueAt;
    @Column(name = "due_since")
    public Instant dueSince;
    @Column(name = "last_fired_cycle")
    public int lastFiredCycle;
    @Enumerated(EnumType.STRING)
    public CaseSource source;
    @Column(name = "idea_id")
    public UUID ideaId;
    @Column(name = "experiment_id")
    public UUID experimentId;
    public String department;
    public String title;
    public String tool;
    /** {@link ai.adoption.revisit.domain.ToolName#key} of {@code tool}: what tool approvals match. */
    @Column(name = "tool_key")
    public String toolKey;
    public String submitter;
    @Column(name = "rejection_reason")
    public String rejectionReason;
    public String outcome;
    public String recommendation;
    public String explanation;
    @Column(name = "decided_by")
    public String decidedBy;
    @Column(name = "case_interval")
    public String caseInterval;
    @Column(name = "interval")
    public String interval;
    @Enumerated(EnumType.STRING)
    @Column(name = "interval_source")
    public IntervalSource intervalSource;
    @Column(name = "opened_at")
    public Instant openedAt;
    @Column(name = "updated_at")
    public Instant updatedAt;
    @Column(name = "closed_at")
    public Instant closedAt;
    @Enumerated(EnumType.STRING)
    public Closure closure;
    @Column(name = "closure_note")
    public String closureNote;
    public int evaluations;
    @Column(name = "source_event_id")
    public UUID sourceEventId;
    @Column(name = "source_event_type")
    public String sourceEventType;
}
