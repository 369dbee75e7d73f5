package ai.adoption.eventsourcing.consumer;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The records a channel is handling right now, each with the time of its first attempt. A record
 * that keeps failing transiently is retried in place (per-key order), so it stays here until it
 * succeeds or is dead-lettered: the oldest entry is what a stuck channel is stuck on. Normally the
 * map holds one entry for a few milliseconds (records are handled one at a time per channel).
 */
public final class InFlightRecords {

    /** A record being handled: where it is, its event id, when it was first tried, how it last failed. */
    public record InFlight(String topic, int partition, long offset, UUID eventId, Instant firstAttempt,
                           long startedNanos, int failures, String lastError) {

        public String position() {
            return topic + "-" + partition + "@" + offset;
        }

        public Duration age(long nowNanos) {
            return Duration.ofNanos(Math.max(0, nowNanos - startedNanos));
        }
    }

    private final Map<String, InFlight> records = new ConcurrentHashMap<>();

    void started(ConsumerRecord<?, ?> record, UUID eventId) {
        records.putIfAbsent(key(record), new InFlight(record.topic(), record.partition(), record.offset(), eventId,
                Instant.now(), System.nanoTime(), 0, null));
    }

    void failed(ConsumerRecord<?, ?> record, Throwable error) {
        records.computeIfPresent(key(record), (k, r) -> new InFlight(r.topic(), r.partition(), r.offset(), r.eventId(),
                r.firstAttempt(), r.startedNanos(), r.failures() + 1, String.valueOf(error)));
    }

    void finished(ConsumerRecord<?, ?> record) {
        records.remove(key(record));
    }

    /** The record first tried longest ago, if any is being handled. */
    public Optional<InFlight> oldest() {
        return records.values().stream().min(Comparator.comparingLong(InFlight::startedNanos));
    }

    /** Seconds since the first attempt of the oldest record still being handled; 0 when idle. */
    public double oldestAgeSeconds() {
        long now = System.nanoTime();
        return oldest().map(r -> r.age(now).toMillis() / 1000.0).orElse(0.0);
    }

    private static String key(ConsumerRecord<?, ?> record) {
        return record.topic() + "-" + record.partition() + "@" + record.offset();
    }
}
