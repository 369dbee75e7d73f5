package ai.adoption.eventsourcing.testapp;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** One row of {@code note_revision_view} per revision, kept by {@link NoteRevisionProjection}. */
@Entity
@Table(name = "note_revision_view")
public class NoteRevisionRow extends PanacheEntityBase {

    @Id
    @Column(name = "event_id")
    public UUID eventId;
    @Column(name = "note_id")
    public UUID noteId;
    @Column(name = "version")
    public long version;
    @Column(name = "title")
    public String title;
    @Column(name = "revised_at")
    public Instant revisedAt;
}
