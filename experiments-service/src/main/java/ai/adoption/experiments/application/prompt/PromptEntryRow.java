package ai.adoption.experiments.application.prompt;

import ai.adoption.eventsourcing.projection.JsonColumn;
import ai.adoption.experiments.domain.DataClassification;
import ai.adoption.experiments.domain.prompt.PromptStatus;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Converter;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** One row of {@code prompt_entry}, kept by {@link PromptProjection}: the served version's content once there is one. */
@Entity
@Table(name = "prompt_entry")
public class PromptEntryRow extends PanacheEntityBase {

    @Id
    @Column(name = "entry_id")
    public UUID id;
    @Column(name = "version")
    public long version;
    @Column(name = "department")
    public String department;
    @Column(name = "author")
    public String author;
    @Enumerated(EnumType.STRING)
    @Column(name = "status")
    public PromptStatus status;
    @Column(name = "latest_version")
    public int latestVersion;
    @Enumerated(EnumType.STRING)
    @Column(name = "latest_status")
    public PromptStatus latestStatus;
    @Column(name = "served_version")
    public int servedVersion;
    @Column(name = "use_case")
    public String useCase;
    @Column(name = "business_function")
    public String businessFunction;
    @Column(name = "text")
    public String text;
    @Convert(converter = Strings.class)
    @Column(name = "variables")
    public List<String> variables;
    @Column(name = "example_output")
    public String exampleOutput;
    @Convert(converter = Strings.class)
    @Column(name = "tools")
    public List<String> tools;
    @Convert(converter = Strings.class)
    @Column(name = "tool_keys")
    public List<String> toolKeys;
    @Enumerated(EnumType.STRING)
    @Column(name = "max_data_class")
    public DataClassification maxDataClass;
    @Column(name = "source_learning_id")
    public UUID sourceLearningId;
    @Column(name = "source_experiment_id")
    public UUID sourceExperimentId;
    @Column(name = "use_count")
    public long useCount;
    @Column(name = "minutes_saved")
    public long minutesSaved;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "approved_at")
    public Instant approvedAt;
    @Column(name = "updated_at")
    public Instant updatedAt;

    /** A list of strings as JSON text. */
    @Converter
    public static final class Strings extends JsonColumn<List<String>> {
        public Strings() {
            super(List.class, String.class);
        }
    }
}
