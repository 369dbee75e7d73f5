package ai.adoption.governance.application;

import ai.adoption.governance.domain.DataClass;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** One approved tool with its latest terms ({@code gov_tool}); every approval is in {@code gov_tool_term}. */
@Entity
@Table(name = "gov_tool")
public class ToolRow extends PanacheEntityBase {

    @Id
    @Column(name = "tool_id")
    public UUID id;
    public String tool;
    @Column(name = "tool_key")
    public String toolKey;
    public String vendor;
    @Convert(converter = JsonColumns.DataClasses.class)
    public List<DataClass> allowed;
    @Column(name = "valid_from")
    public LocalDate validFrom;
    @Column(name = "valid_until")
    public LocalDate validUntil;
    @Column(name = "revoked_on")
    public LocalDate revokedOn;
    public String note;
    public long version;
    @Column(name = "updated_at")
    public Instant updatedAt;
}
