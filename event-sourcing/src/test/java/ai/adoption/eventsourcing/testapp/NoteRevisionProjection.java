package ai.adoption.eventsourcing.testapp;

import ai.adoption.eventsourcing.projection.Projection;
import ai.adoption.eventsourcing.store.AggregateType;
import ai.adoption.eventsourcing.store.RecordedEvent;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.UUID;

/** {@code note_revision_view}: one row per revision, only ever inserted. */
@ApplicationScoped
public class NoteRevisionProjection implements Projection {

    @Override
    public String name() {
        return "note-revisions";
    }

    @Override
    public List<AggregateType<?, ?, ?>> sources() {
        return List.of(Note.TYPE);
    }

    @Override
    public List<String> tables() {
        return List.of("note_revision_view");
    }

    @Override
    public Uni<Void> apply(RecordedEvent<?> recorded) {
        if (recorded.payload() instanceof Note.Revised e) {
            NoteRevisionRow row = new NoteRevisionRow();
            row.eventId = recorded.eventId();
            row.noteId = UUID.fromString(recorded.streamId());
            row.version = recorded.streamVersion();
            row.title = e.title();
            row.revisedAt = recorded.occurredAt();
            return row.persist().replaceWithVoid();
        }
        return Uni.createFrom().voidItem();
    }
}
