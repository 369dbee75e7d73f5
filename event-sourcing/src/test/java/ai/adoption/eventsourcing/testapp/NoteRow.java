package ai.adoption.eventsourcing.testapp;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** One row of {@code note_view}, kept by {@link NoteProjection}. */
@Entity
@Table(name = "note_view")
public class NoteRow extends PanacheEntityBase {

    @Id
    @Column(name = "note_id")
    public UUID id;
    @Column(name = "version")
    public long version;
    @Column(name = "title")
    public String title;
    @Column(name = "body")
    public String text;
    @Column(name = "author")
    public String author;
    @Column(name = "archived")
    public boolean archived;
    @Column(name = "archive_reason")
    public String archiveReason;
    @Column(name = "revisions")
    public int revisions;
    @Column(name = "written_at")
    public Instant writtenAt;
    @Column(name = "updated_at")
    public Instant updatedAt;
}
