package ai.adoption.eventsourcing.testapp;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Lets a test hold a rebuild in the middle: armed for a note, {@link NoteProjection} stops when it
 * applies that note's {@code note.written} again (without blocking its event loop) until the test
 * releases it. Live commands never meet it: a pause is armed after the note was written.
 */
public final class ReplayPause {

    private static final Map<UUID, ReplayPause> ARMED = new ConcurrentHashMap<>();

    /** Completes when the replay has reached the note. */
    public final CompletableFuture<Void> reached = new CompletableFuture<>();
    private final CompletableFuture<Void> released = new CompletableFuture<>();

    private ReplayPause() {
    }

    public static ReplayPause arm(String noteId) {
        ReplayPause pause = new ReplayPause();
        ARMED.put(UUID.fromString(noteId), pause);
        return pause;
    }

    public void release() {
        released.complete(null);
    }

    static Uni<Void> at(UUID noteId) {
        ReplayPause pause = ARMED.remove(noteId);
        if (pause == null) {
            return Uni.createFrom().voidItem();
        }
        // resume on the session's own context: Hibernate Reactive insists on it
        Context context = Vertx.currentContext();
        pause.reached.complete(null);
        return Uni.createFrom().emitter(emitter -> pause.released.whenComplete(
                (ignored, failure) -> context.runOnContext(v -> emitter.complete(null))));
    }
}
