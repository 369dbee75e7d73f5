package ai.adoption.governance.application;

import ai.adoption.governance.domain.DataClass;
import ai.adoption.governance.domain.Lifecycle;
import ai.adoption.governance.domain.SystemOrigin;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** What a system was registered with. Owner, lifecycle and classification on a date live in the bitemporal tables. */
@Entity
@Table(name = "gov_system")
public class SystemRow extends PanacheEntityBase {

    @Id
    @Column(name = "system_id")
    public UUID id;
    public String name;
    public String tool;
    public String vendor;
    public String purpose;
    public String scope;
    @Enumerated(EnumType.STRING)
    @Column(name = "data_class")
    public DataClass dataClass;
    @Enumerated(EnumType.STRING)
    public SystemOrigin origin;
    @Column(name = "experiment_id")
    public UUID experimentId;
    @Column(name = "idea_id")
    public UUID ideaId;
    public String lead;
    @Column(name = "registered_on")
    public LocalDate registeredOn;
    @Column(name = "registered_at")
    public Instant registeredAt;
    @Enumerated(EnumType.STRING)
    @Column(name = "initial_lifecycle")
    public Lifecycle initialLifecycle;
    public long version;
    @Column(name = "updated_at")
    public Instant updatedAt;
}
