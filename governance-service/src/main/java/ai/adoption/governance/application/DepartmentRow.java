package ai.adoption.governance.application;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** A department's latest definition ({@code gov_department}); every definition is in {@code gov_department_version}. */
@Entity
@Table(name = "gov_department")
public class DepartmentRow extends PanacheEntityBase {

    @Id
    @Column(name = "department_id")
    public String id;
    public String name;
    public String director;
    @Convert(converter = JsonColumns.Strings.class)
    public List<String> managers;
    @Convert(converter = JsonColumns.Strings.class)
    public List<String> ambassadors;
    @Column(name = "effective_from")
    public LocalDate effectiveFrom;
    public long version;
    @Column(name = "updated_at")
    public Instant updatedAt;
}
