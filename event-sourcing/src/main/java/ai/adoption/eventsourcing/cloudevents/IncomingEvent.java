package ai.adoption.eventsourcing.cloudevents;

import java.time.Instant;
import java.util.UUID;

/** A CloudEvent read from Kafka: its attributes, its JSON data, and where it was read from. */
public record IncomingEvent(UUID id, String source, String type, String subject, Instant time,
                            String correlationId, String data, String topic, int partition, long offset) {
}
