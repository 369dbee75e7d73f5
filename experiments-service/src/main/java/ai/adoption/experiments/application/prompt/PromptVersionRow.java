package ai.adoption.experiments.application.prompt;

import ai.adoption.experiments.domain.DataClassification;
import ai.adoption.experiments.domain.prompt.PromptStatus;

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

/** One version of a prompt entry ({@code prompt_version}); its id is {@code <entryId>/<version>}. */
@Entity
@Table(name = "prompt_version")
public class PromptVersionRow extends PanacheEntityBase {

    @Id
    @Column(name = "id")
    public String id;
    @Column(name = "entry_id")
    public UUID entryId;
    @Column(name = "version")
    public int version;
    @Enumerated(EnumType.STRING)
    @Column(name = "status")
    public PromptStatus status;
    @Column(name = "use_case")
    public String useCase;
    @Column(name = "business_function")
    public String businessFunction;
    @Column(name = "text")
    public String text;
    @Convert(converter = PromptEntryRow.Strings.class)
    @Column(name = "variables")
    public List<String> variables;
    @Column(name = "example_output")
    public String exampleOutput;
    @Convert(converter = PromptEntryRow.Strings.class)
    @Column(name = "tools")
    public List<String> tools;
    @Enumerated(EnumType.STRING)
    @Column(name = "max_data_class")
    public DataClassification maxDataClass;
    @Column(name = "written_by")
    public String writtenBy;
    @Column(name = "written_at")
    public Instant writtenAt;

    public static String key(UUID entryId, int version) {
        return entryId + "/" + version;
    }
}
