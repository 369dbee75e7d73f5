package ai.adoption.revisit.application;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** One row of the {@code revisit_policy} read model: a department's own interval (null: the global default applies). */
@Entity
@Table(name = "revisit_policy")
public class PolicyRow extends PanacheEntityBase {

    @Id
    public String department;
    public long version;
    @Column(name = "interval")
    public String interval;
    @Column(name = "set_by")
    public String setBy;
    @Column(name = "set_at")
    public Instant setAt;
    public String reason;
}
