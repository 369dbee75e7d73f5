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

    /**
     * The Kafka {@code transactional.id} of the relay's producer, shared by all instances of the service
     * so that a new leader fences a stale one; defaults to
     * {@code <quarkus.application.name>.<topic-prefix>.outbox-relay}. Must differ between deployments
     * sharing a Kafka cluster.
     */
    Optional<String> transactionalId();

    /**
     * Socket timeout of the relay's own JDBC connections (with TCP keepalive on): a half-open connection
     * fails after this long instead of hanging, so the advisory lock is released and a standby takes
     * over. Far above the relay's longest legitimate statement (milliseconds; a backlog count seconds).
     */
    @WithDefault("30s")
    Duration socketTimeout();

    /** Liveness is DOWN when the relay loop completed no round for this long (at least two poll intervals). */
    @WithDefault("2m")
    Duration livenessTimeout();

    /** How often the relay gauges (unpublished, parked, held, xmin gate age) are measured. */
    @WithDefault("5s")
    Duration gaugeInterval();

    /**
     * The longest a relay woken by a commit waits before it reads, so that the commits of those
     * milliseconds are published in one Kafka transaction. Only while the relay is busy (its last read
     * found several events); adds at most this much to the lag.
     */
    @WithDefault("3ms")
    Duration linger();

    /**
     * The relay's checkpoint is written at most this often (and when it stops). A crash re-publishes at
     * most what was published since the last write (at least once; consumers de-duplicate by ce_id).
     */
    @WithDefault("200ms")
    Duration checkpointInterval();
}
