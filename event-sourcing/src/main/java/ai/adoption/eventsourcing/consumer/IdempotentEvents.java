package ai.adoption.eventsourcing.consumer;

import ai.adoption.eventsourcing.cloudevents.CloudEvents;
import ai.adoption.eventsourcing.cloudevents.IncomingEvent;
import ai.adoption.eventsourcing.command.CommitSignal;
import ai.adoption.eventsourcing.store.ConcurrencyConflict;
import ai.adoption.eventsourcing.store.PersistenceFailure;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The shared half of every consumer: a service registers its channel's handler once
 * ({@link #channel}) and writes one {@code @Incoming} method that hands its record to it, plus the
 * channel's configuration (see DEVELOPERS.md and {@link #channel}). The registration also makes the
 * channel's dead letters replayable ({@link DeadLetters}) and a stuck record visible
 * ({@link ConsumerChannels}).
 *
 * <ul>
 *   <li><b>Exactly once in effect:</b> the event id is inserted into {@code es_processed_event} in
 *       the same Hibernate Reactive transaction as the handler's effects; a redelivered duplicate
 *       finds its id there and changes nothing.</li>
 *   <li><b>A database outage or a version conflict is retried, never dead-lettered:</b> transient
 *       failures ({@link PersistenceFailure#isTransient}) and conflicts with another writer on the
 *       same stream ({@link ConcurrencyConflict}) are retried in place with exponential backoff for
 *       as long as they last. The record is neither acknowledged nor skipped, so per-key order holds;
 *       the connector keeps polling with paused partitions, so the consumer stays in its group.</li>
 *   <li><b>Poison is dead-lettered:</b> a record that is not a CloudEvent fails at once, a handler
 *       that keeps failing fails after {@code eventsourcing.consumer.max-attempts}; the failed Uni
 *       nacks the record and the connector's {@code dead-letter-queue} strategy writes it, with its
 *       key, headers and the error's cause, to the dead-letter topic, then consumption carries on.</li>
 * </ul>
 */
@ApplicationScoped
public class IdempotentEvents {

    private static final Logger LOG = Logger.getLogger(IdempotentEvents.class);

    private final Vertx vertx;
    private final CommitSignal commitSignal;
    private final MeterRegistry meters;
    private final int maxAttempts;
    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final Map<String, Meters> byConsumer = new ConcurrentHashMap<>();
    private final ConsumerChannels channels;
    private final HandlingTracing tracing;

    @Inject
    public IdempotentEvents(Vertx vertx, CommitSignal commitSignal, MeterRegistry meters, ConsumerChannels channels,
                            HandlingTracing tracing,
                            @ConfigProperty(name = "eventsourcing.consumer.max-attempts", defaultValue = "3") int maxAttempts,
                            @ConfigProperty(name = "eventsourcing.consumer.initial-backoff", defaultValue = "200ms") Duration initialBackoff,
                            @ConfigProperty(name = "eventsourcing.consumer.max-backoff", defaultValue = "10s") Duration maxBackoff) {
        this.vertx = vertx;
        this.commitSignal = commitSignal;
        this.meters = meters;
        this.channels = channels;
        this.tracing = tracing;
        this.maxAttempts = maxAttempts;
        this.initialBackoff = initialBackoff;
        this.maxBackoff = maxBackoff;
    }

    /** A handler's failure after its last attempt; the dead-letter topic carries it and its cause. */
    public static final class HandlingFailed extends RuntimeException {
        HandlingFailed(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * Registers the channel's handler once, for both the {@code @Incoming} method and an operator's
     * replay of the channel's dead-letter topic ({@link DeadLetters}). Call it in the consumer's
     * constructor and hand every record to {@link ConsumerChannel#on}:
     *
     * <pre>{@code
     * ideas = events.channel("idea-events", "revisit-cases", this::handle);
     * ...
     * @Incoming("idea-events")
     * Uni<Void> on(ConsumerRecord<String, byte[]> record) {
     *     return ideas.on(record);
     * }
     * }</pre>
     */
    public ConsumerChannel channel(String channel, String consumer, EventHandler handler) {
        ConsumerChannel registered = new ConsumerChannel(channel, consumer, handler, this);
        channels.register(registered);
        return registered;
    }

    /** What handling a record did: applied its effects, or found its event already processed. */
    public enum Outcome { PROCESSED, DUPLICATE, IGNORED }

    /**
     * Handles the record's event once per {@code consumer} name. The returned Uni completes when the
     * effects and the processed mark have committed (or the event was a duplicate), and fails when
     * the record must go to the dead-letter topic. Prefer {@link #channel}, which also makes the
     * channel's dead letters replayable and its stuck records visible.
     */
    public Uni<Void> once(String consumer, ConsumerRecord<String, byte[]> record, EventHandler handler) {
        return process(consumer, record, handler, null, true).replaceWithVoid();
    }

    /**
     * {@code inFlight} (may be null) tracks the record from its first attempt until it is done;
     * {@code inPlace} retries transient failures for as long as they last (a consumed record), else
     * at most {@code max-attempts} times (a replay, whose caller waits).
     */
    Uni<Outcome> process(String consumer, ConsumerRecord<String, byte[]> record, EventHandler handler,
                         InFlightRecords inFlight, boolean inPlace) {
        Meters meter = byConsumer.computeIfAbsent(consumer, this::meters);
        IncomingEvent event;
        try {
            event = CloudEvents.fromRecord(record);
        } catch (CloudEvents.MalformedCloudEvent e) {
            if (inPlace) {
                meter.failed.increment();
                LOG.warnf("Consumer %s dead-letters %s-%d@%d: %s", consumer, record.topic(), record.partition(),
                        record.offset(), e.getMessage());
            }
            return Uni.createFrom().failure(new HandlingFailed("Malformed CloudEvent: " + e.getMessage(), e));
        }
        if (!handler.handles(event.type())) {
            // a type the handler does not act on: no transaction, no processed mark (most records on a shared topic)
            meter.ignored.increment();
            return Uni.createFrom().item(Outcome.IGNORED);
        }
        // every attempt runs on a fresh, safe Vert.x duplicated context: Hibernate Reactive needs one,
        // and a retry after a backoff would otherwise resume on a scheduler thread
        Context context = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
        VertxContextSafetyToggle.setContextSafe(context, true);
        // the handling span: what the handler appends continues the record's trace. Current while the
        // handling is assembled (its callbacks restore the context they were assembled in) and on `context`.
        Span span = tracing.start(consumer, record, event, context);
        try (Scope ignored = span.makeCurrent()) {
            return handleWithRetries(consumer, record, event, handler, inFlight, inPlace, meter, context, span);
        }
    }

    private Uni<Outcome> handleWithRetries(String consumer, ConsumerRecord<String, byte[]> record, IncomingEvent event,
                                           EventHandler handler, InFlightRecords inFlight, boolean inPlace, Meters meter,
                                           Context context, Span span) {
        Executor onContext = task -> context.runOnContext(ignored -> task.run());
        AtomicInteger attempts = new AtomicInteger();
        Uni<Boolean> attempt = Uni.createFrom().deferred(() -> {
                    if (attempts.incrementAndGet() == 1 && inFlight != null) {
                        inFlight.started(record, event.id());
                    }
                    return Panache.withTransaction(() -> markProcessed(consumer, event)
                            .chain(fresh -> fresh ? handler.handle(event).replaceWith(true) : Uni.createFrom().item(false)));
                })
                .runSubscriptionOn(onContext)
                .onFailure().invoke(e -> {
                    if (inFlight != null) {
                        inFlight.failed(record, e);
                    }
                })
                .onFailure(IdempotentEvents::retriedInPlace).invoke(e -> {
                    meter.retries.increment();
                    LOG.warnf("Consumer %s meets a transient failure for event %s, retrying with backoff: %s", consumer,
                            event.id(), e.toString());
                });
        attempt = inPlace
                ? attempt.onFailure(IdempotentEvents::retriedInPlace).retry().withBackOff(initialBackoff, maxBackoff).indefinitely()
                : attempt.onFailure(IdempotentEvents::retriedInPlace).retry().withBackOff(initialBackoff, maxBackoff)
                        .atMost(Math.max(0, maxAttempts - 1));
        return attempt
                .onFailure().invoke(e -> LOG.debugf("Consumer %s attempt %d for event %s failed: %s", consumer, attempts.get(),
                        event.id(), e))
                .onFailure().retry().atMost(Math.max(0, maxAttempts - 1))
                .onItem().invoke(fresh -> {
                    if (fresh) {
                        meter.processed.increment();
                        commitSignal.committed();
                    } else {
                        meter.duplicates.increment();
                        LOG.debugf("Consumer %s skipped duplicate event %s", consumer, event.id());
                    }
                })
                .onFailure().transform(e -> {
                    if (inPlace) {
                        meter.failed.increment();
                    }
                    LOG.warnf("Consumer %s %s event %s (%s) from %s-%d@%d after %d attempts: %s", consumer,
                            inPlace ? "dead-letters" : "could not replay", event.id(), event.type(), record.topic(),
                            record.partition(), record.offset(), attempts.get(), e);
                    return new HandlingFailed("Event " + event.id() + " (" + event.type() + ") failed after "
                            + attempts.get() + " attempts: " + e, e);
                })
                .onTermination().invoke((fresh, failure, cancelled) -> {
                    if (inFlight != null) {
                        inFlight.finished(record);
                    }
                    if (failure != null) {
                        HandlingTracing.failed(span, failure);
                    }
                    span.end();
                })
                .map(fresh -> fresh ? Outcome.PROCESSED : Outcome.DUPLICATE);
    }

    /**
     * Failures that go away by themselves, retried in place for as long as they last, never counted
     * toward max-attempts and never dead-lettered: the database unavailable
     * ({@link PersistenceFailure#isTransient}), and a version conflict with another writer on the
     * same stream (the next attempt reloads it and decides again).
     */
    static boolean retriedInPlace(Throwable failure) {
        return PersistenceFailure.isTransient(failure) || PersistenceFailure.find(failure, ConcurrencyConflict.class).isPresent();
    }

    private static Uni<Boolean> markProcessed(String consumer, IncomingEvent event) {
        return Panache.getSession().chain(session -> session.createNativeQuery(
                        "insert into es_processed_event (consumer, event_id) values (?1, ?2) on conflict do nothing")
                .setParameter(1, consumer)
                .setParameter(2, event.id())
                .executeUpdate()
                .map(inserted -> inserted == 1));
    }

    private Meters meters(String consumer) {
        return new Meters(meters.counter("eventsourcing.consumer.processed", "consumer", consumer),
                meters.counter("eventsourcing.consumer.duplicates", "consumer", consumer),
                meters.counter("eventsourcing.consumer.retries", "consumer", consumer),
                meters.counter("eventsourcing.consumer.dead-lettered", "consumer", consumer),
                meters.counter("eventsourcing.consumer.ignored", "consumer", consumer));
    }

    private record Meters(Counter processed, Counter duplicates, Counter retries, Counter failed, Counter ignored) {
    }
}
