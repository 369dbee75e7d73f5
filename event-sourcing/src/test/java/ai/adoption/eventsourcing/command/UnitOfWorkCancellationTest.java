package ai.adoption.eventsourcing.command;

import ai.adoption.eventsourcing.store.EventStore;
import ai.adoption.eventsourcing.store.EventType;
import ai.adoption.eventsourcing.store.RecordedEvent;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A caller that goes away half-way through a unit of work (an HTTP client that disconnects cancels its
 * request's {@code Uni}) does not cut the transaction short: the work runs to its end and commits.
 */
@QuarkusTest
class UnitOfWorkCancellationTest {

    private static final EventType HAPPENED = new EventType("widget.happened", 1, Object.class);

    @Inject
    UnitOfWork unitOfWork;

    @Inject
    EventStore store;

    @Test
    void aUnitOfWorkWhoseCallerCancelsStillCommits() throws Exception {
        String streamId = "cancelled-caller-" + UUID.randomUUID();
        CountDownLatch appended = new CountDownLatch(1);
        Cancellable caller = unitOfWork.transact(() -> Panache.getSession()
                        .chain(session -> store.append(session, "widget", streamId, 0,
                                List.of(new EventStore.NewEvent(UUID.randomUUID(), HAPPENED, "{}", Instant.now())),
                                new EventStore.Metadata("tester", "corr", "cause")))
                        .invoke(appended::countDown)
                        // the rest of the work, still inside the transaction, while the caller leaves
                        .call(() -> Uni.createFrom().voidItem().onItem().delayIt().by(Duration.ofMillis(300))))
                .subscribe().with(ignored -> { }, ignored -> { });

        assertThat(appended.await(30, TimeUnit.SECONDS)).as("the append ran").isTrue();
        caller.cancel();

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(read(streamId))
                .as("the unit of work committed although its caller cancelled").hasSize(1));
    }

    private List<RecordedEvent<String>> read(String streamId) throws Throwable {
        return VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(
                () -> Panache.getSession().chain(session -> store.readStream(session, "widget", streamId))));
    }
}
