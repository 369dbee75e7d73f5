package ai.adoption.governance.application;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A person's display name: the only place it is kept outside the person's own stream. */
@Entity
@Table(name = "gov_person")
public class PersonRow extends PanacheEntityBase {

    @Id
    @Column(name = "person_id")
    public String id;
    @Column(name = "display_name")
    public String displayName;
    public long version;
    @Column(name = "updated_at")
    public Instant updatedAt;
}
