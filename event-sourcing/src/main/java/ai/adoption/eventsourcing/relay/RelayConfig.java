package ai.adoption.eventsourcing.relay;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/** {@code eventsourcing.relay.*}: the outbox relay of this service. */
@ConfigMapping(prefix = "eventsourcing.relay")
public interface RelayConfig {

    /** Whether this instance runs a relay at all (standby instances may still run one). */
    @WithDefault("true")
    boolean enabled();

    /** Topics are {@code <topic-prefix>.<stream type>}. */
    String topicPrefix();

    /** The CloudEvents source; defaults to {@code urn:ai-adoption:<quarkus.application.name>}. */
    Optional<String> source();

    /** Fallback poll when nothing wakes the relay. */
    @WithDefault("2s")
    Duration pollInterval();

    @WithDefault("500")
    int batchSize();

    @WithDefault("es_events")
    String channel();

    /** Advisory lock key electing the active relay; unique per database. */
    @WithDefault("4242001")
    long lockKey();
}
