package ai.adoption.eventsourcing.testapp;

import ai.adoption.eventsourcing.projection.Projection;
import ai.adoption.eventsourcing.projection.ReadModelRows;
import ai.adoption.eventsourcing.store.AggregateType;
import ai.adoption.eventsourcing.store.RecordedEvent;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

/** {@code note_view}: one row per note, changed in place by each of its events. */
@ApplicationScoped
public class NoteProjection implements Projection {

    @Override
    public String name() {
        return "notes";
    }

    @Override
    public List<AggregateType<?, ?, ?>> sources() {
        return List.of(Note.TYPE);
    }

    @Override
    public List<String> tables() {
        return List.of("note_view");
    }

    /** A rebuild's chunk: the rows its events change, in one query. */
    @Override
    public Uni<Void> prefetch(List<? extends RecordedEvent<?>> events) {
        List<UUID> changed = events.stream().filter(e -> !(e.payload() instanceof Note.Written))
                .map(e -> UUID.fromString(e.streamId())).distinct().toList();
        return changed.isEmpty() ? Uni.createFrom().voidItem() : NoteRow.list("id in ?1", changed).replaceWithVoid();
    }

    @Override
    public Uni<Void> apply(RecordedEvent<?> recorded) {
        Object event = recorded.payload();
        if (event instanceof Note.Written e) {
            NoteRow row = new NoteRow();
            row.id = e.noteId();
            row.title = e.title();
            row.text = e.text();
            row.author = e.author();
            row.writtenAt = recorded.occurredAt();
            stamp(row, recorded);
            return ReplayPause.at(e.noteId()).chain(() -> row.persist()).replaceWithVoid();
        }
        if (event instanceof Note.Revised e) {
            return update(recorded, row -> {
                row.title = e.title();
                row.text = e.text();
                row.revisions++;
            });
        }
        if (event instanceof Note.Archived e) {
            return update(recorded, row -> {
                row.archived = true;
                row.archiveReason = e.reason();
            });
        }
        return Uni.createFrom().voidItem();
    }

    private static Uni<Void> update(RecordedEvent<?> recorded, Consumer<NoteRow> change) {
        return ReadModelRows.update(NoteRow.<NoteRow>findById(UUID.fromString(recorded.streamId())), "note_view", recorded,
                row -> {
                    change.accept(row);
                    stamp(row, recorded);
                });
    }

    private static void stamp(NoteRow row, RecordedEvent<?> recorded) {
        row.version = recorded.streamVersion();
        row.updatedAt = recorded.occurredAt();
    }
}
