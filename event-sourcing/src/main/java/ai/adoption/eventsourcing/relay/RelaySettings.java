package ai.adoption.eventsourcing.relay;

import java.time.Duration;

/**
 * How the outbox relay behaves.
 *
 * @param topicPrefix  topics are named {@code <topicPrefix>.<streamType>}, e.g. {@code experiments.idea}
 * @param source       the CloudEvents {@code source} of every published event
 * @param pollInterval the fallback poll when no commit or notification wakes the relay
 * @param batchSize    events read and sent per round trip
 * @param channel      the LISTEN/NOTIFY channel shared by all instances of the service
 * @param lockKey      the advisory lock key that elects one active relay per database
 */
public record RelaySettings(String topicPrefix, String source, Duration pollInterval, int batchSize, String channel, long lockKey) {

    public String topicFor(String streamType) {
        return topicPrefix + "." + streamType;
    }
}
