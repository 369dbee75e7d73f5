package ai.adoption.eventsourcing.consumer;

import ai.adoption.eventsourcing.cloudevents.IncomingEvent;

import java.sql.Connection;

/**
 * Handles one consumed event inside the consumer's transaction. Whatever it writes through the
 * given connection (or through the service's transactional beans) commits together with the
 * record of the event id as processed. Throwing rolls all of it back.
 */
@FunctionalInterface
public interface EventHandler {
    void handle(Connection connection, IncomingEvent event) throws Exception;
}
