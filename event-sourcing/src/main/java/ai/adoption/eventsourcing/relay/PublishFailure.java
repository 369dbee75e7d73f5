package ai.adoption.eventsourcing.relay;

/** A batch was not published (its Kafka transaction aborted, nothing of it visible): retry from the checkpoint. */
final class PublishFailure extends RuntimeException {

    PublishFailure(Throwable cause) {
        super(String.valueOf(cause), cause, false, false);
    }
}
