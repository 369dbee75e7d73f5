package ai.adoption.dashboard.messaging;

import ai.adoption.contracts.EventCatalogue;
import ai.adoption.eventsourcing.consumer.ConsumerChannel;
import ai.adoption.eventsourcing.consumer.EventRouter;
import ai.adoption.eventsourcing.consumer.EventRouters;
import ai.adoption.eventsourcing.consumer.IdempotentEvents;

import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * The dashboard's one consumer: a single channel, {@value #CHANNEL}, subscribed to every topic of the
 * catalogue that the dashboard reads (its {@code topics} in application.properties), routed by type.
 *
 * <p>One channel rather than one per topic, because every event ends in the same single writer
 * ({@link ai.adoption.dashboard.application.DashboardWriter}, serialised on the feed's head row): nine
 * consumers would only queue on that row lock, while each costs a Kafka consumer, its heartbeat and
 * poll threads, a dead-letter producer and its metrics (about 60 threads in all, most of the gap to the
 * 200 MB idle RSS of issue 14). Order per key is kept, since it is per partition. A record that cannot be
 * read goes to {@code dashboard.events.dlt}, whose records keep their source topic in the
 * {@code dead-letter-topic} header.
 */
@Startup
@ApplicationScoped
public class StreamConsumer {

    public static final String CHANNEL = "events";
    public static final String CONSUMER = "dashboard";

    private final ConsumerChannel channel;

    @Inject
    public StreamConsumer(IdempotentEvents events, EventRouters routers, IdeaRoutes ideas, RevisitRoutes revisits,
                          GovernanceRoutes governance) {
        EventRouter.Builder router = routers.router(Feeds.SERVICE, EventCatalogue::typeOf);
        ideas.addTo(router);
        revisits.addTo(router);
        governance.addTo(router);
        this.channel = events.channel(CHANNEL, CONSUMER, router.build());
    }

    @Incoming(CHANNEL)
    public Uni<Void> on(ConsumerRecord<String, byte[]> record) {
        return channel.on(record);
    }
}
