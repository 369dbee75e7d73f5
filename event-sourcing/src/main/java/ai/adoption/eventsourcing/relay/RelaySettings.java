package ai.adoption.eventsourcing.relay;

import java.time.Duration;

/**
 * How the outbox relay behaves.
 *
 * @param topicPrefix     topics are named {@code <topicPrefix>.<streamType>}, e.g. {@code experiments.idea}
 * @param source          the CloudEvents {@code source} of every published event
 * @param pollInterval    the fallback poll when no commit or notification wakes the relay
 * @param batchSize       events read and sent per round trip (one Kafka transaction)
 * @param channel         the LISTEN/NOTIFY channel shared by all instances of the service
 * @param lockKey         the advisory lock key that elects one active relay per database
 * @param livenessTimeout the relay is not live when no round completed for this long (at least twice
 *                        the poll interval is used, since an idle relay completes a round per poll)
 * @param gaugeInterval   how often the gauges (unpublished, parked, xmin gate age) are measured, on
 *                        their own short-lived connection, independent of the publish loop
 * @param linger          the longest the relay waits after a commit woke it before it reads, so that the
 *                        commits of those few milliseconds go out in one batch, i.e. one Kafka
 *                        transaction (each costs the broker a coordinator round trip and markers); only
 *                        while the relay is busy (see {@link RelayWakeUps})
 * @param checkpointInterval the stored checkpoint is written at most this often (and when the relay stops):
 *                        a crash re-publishes at most what was published since the last write
 */
public record RelaySettings(String topicPrefix, String source, Duration pollInterval, int batchSize, String channel,
                            long lockKey, Duration livenessTimeout, Duration gaugeInterval, Duration linger,
                            Duration checkpointInterval) {

    public static final Duration DEFAULT_CHECKPOINT_INTERVAL = Duration.ofMillis(200);

    /** The settings with the default checkpoint interval (200 ms). */
    public RelaySettings(String topicPrefix, String source, Duration pollInterval, int batchSize, String channel,
                         long lockKey, Duration livenessTimeout, Duration gaugeInterval, Duration linger) {
        this(topicPrefix, source, pollInterval, batchSize, channel, lockKey, livenessTimeout, gaugeInterval, linger,
                DEFAULT_CHECKPOINT_INTERVAL);
    }

    /** The settings without a linger: every wake-up reads at once. */
    public RelaySettings(String topicPrefix, String source, Duration pollInterval, int batchSize, String channel,
                         long lockKey, Duration livenessTimeout, Duration gaugeInterval) {
        this(topicPrefix, source, pollInterval, batchSize, channel, lockKey, livenessTimeout, gaugeInterval, Duration.ZERO);
    }

    public static final Duration DEFAULT_LIVENESS_TIMEOUT = Duration.ofMinutes(2);
    public static final Duration DEFAULT_GAUGE_INTERVAL = Duration.ofSeconds(5);

    /** The settings with the default liveness timeout (2 min) and gauge interval (5 s). */
    public RelaySettings(String topicPrefix, String source, Duration pollInterval, int batchSize, String channel, long lockKey) {
        this(topicPrefix, source, pollInterval, batchSize, channel, lockKey, DEFAULT_LIVENESS_TIMEOUT, DEFAULT_GAUGE_INTERVAL);
    }

    public String topicFor(String streamType) {
        return topicPrefix + "." + streamType;
    }

    /** The bound liveness applies: the configured timeout, but never less than two poll intervals. */
    public Duration effectiveLivenessTimeout() {
        Duration twoPolls = pollInterval.multipliedBy(2);
        return livenessTimeout.compareTo(twoPolls) < 0 ? twoPolls : livenessTimeout;
    }
}
