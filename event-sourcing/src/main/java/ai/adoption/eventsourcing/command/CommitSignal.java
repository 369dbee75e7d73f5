package ai.adoption.eventsourcing.command;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Fired after a transaction that appended events has committed. The outbox relay listens so that it
 * wakes at once instead of waiting for its poll; cross-instance wake-ups go through LISTEN/NOTIFY.
 */
@ApplicationScoped
public class CommitSignal {

    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

    public void onCommit(Runnable listener) {
        listeners.add(listener);
    }

    public void committed() {
        for (Runnable listener : listeners) {
            listener.run();
        }
    }
}
