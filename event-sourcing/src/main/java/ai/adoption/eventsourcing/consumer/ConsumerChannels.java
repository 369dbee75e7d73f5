package ai.adoption.eventsourcing.consumer;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.health.registry.HealthRegistries;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The channels this service consumes, as registered by its consumers ({@link IdempotentEvents#channel}),
 * and how each one is doing.
 *
 * <p>Every channel gets a health check in a health group named after the channel
 * ({@code /q/health/group/<channel>}) and in the group {@code consumers}: DOWN when the record it is
 * handling was first tried longer than {@code eventsourcing.consumer.stuck-after} ago, naming the
 * record ({@code topic-partition@offset}, {@code ce_id}), its age, attempts and last error. It is
 * deliberately neither readiness nor liveness: a record that keeps failing transiently (a statement
 * timeout on one record) is retried in place to keep per-key order, and neither taking the API out
 * of the load balancer nor restarting the process would unstick it; it needs an operator, who is
 * alerted by the group and by the gauge {@code eventsourcing.consumer.stuck-record.age} (seconds
 * since the first attempt of the oldest record still being handled, per consumer and channel).
 */
@ApplicationScoped
public class ConsumerChannels {

    /** The health group that holds every channel's check. */
    public static final String HEALTH_GROUP = "consumers";

    private final MeterRegistry meters;
    private final Duration stuckAfter;
    private final Map<String, ConsumerChannel> channels = new ConcurrentHashMap<>();

    @Inject
    public ConsumerChannels(MeterRegistry meters,
                            @ConfigProperty(name = "eventsourcing.consumer.stuck-after", defaultValue = "60s") Duration stuckAfter) {
        this.meters = meters;
        this.stuckAfter = stuckAfter;
    }

    void register(ConsumerChannel channel) {
        ConsumerChannel known = channels.putIfAbsent(channel.name(), channel);
        if (known != null) {
            throw new IllegalStateException("Channel " + channel.name() + " is already registered for consumer "
                    + known.consumer());
        }
        InFlightRecords inFlight = channel.inFlight();
        Gauge.builder("eventsourcing.consumer.stuck-record.age", inFlight, InFlightRecords::oldestAgeSeconds)
                .description("Seconds since the first attempt of the oldest record the channel is still handling (0 when idle)")
                .baseUnit("seconds")
                .tags("consumer", channel.consumer(), "channel", channel.name())
                .register(meters);
        String check = "consumer-" + channel.name();
        HealthRegistries.getHealthGroupRegistry(channel.name()).register(check, () -> health(channel));
        HealthRegistries.getHealthGroupRegistry(HEALTH_GROUP).register(check, () -> health(channel));
    }

    public Optional<ConsumerChannel> find(String name) {
        return Optional.ofNullable(channels.get(name));
    }

    public List<String> names() {
        return channels.keySet().stream().sorted().toList();
    }

    HealthCheckResponse health(ConsumerChannel channel) {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("consumer-" + channel.name())
                .withData("channel", channel.name())
                .withData("consumer", channel.consumer())
                .withData("stuckAfterSeconds", stuckAfter.toSeconds());
        Optional<InFlightRecords.InFlight> oldest = channel.inFlight().oldest();
        if (oldest.isEmpty()) {
            return response.up().build();
        }
        InFlightRecords.InFlight record = oldest.get();
        Duration age = record.age(System.nanoTime());
        response.withData("record", record.position())
                .withData("ceId", String.valueOf(record.eventId()))
                .withData("firstAttempt", record.firstAttempt().toString())
                .withData("secondsSinceFirstAttempt", age.toSeconds())
                .withData("failedAttempts", record.failures());
        if (record.lastError() != null) {
            response.withData("lastError", record.lastError());
        }
        return response.status(age.compareTo(stuckAfter) < 0).build();
    }
}
