package ai.adoption.experiments.messaging;

import ai.adoption.eventsourcing.store.AggregateType;
import ai.adoption.eventsourcing.store.EventCodec;
import ai.adoption.experiments.application.Aggregates;
import ai.adoption.testinfra.contracts.PublishedContract;
import ai.adoption.testinfra.contracts.PublishedContract.Published;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

/**
 * What experiments-service publishes keeps to the stream contract (event-contracts): every event type of its
 * aggregates, encoded by the service's own {@link EventCodec} (the payload the outbox relay sends as
 * the CloudEvent's data), reads strictly into its contract record and writes back the same, on the
 * topic the catalogue names.
 */
@QuarkusTest
class PublishedEventsContractTest {

    private static final String TOPIC_PREFIX = "experiments";

    @Inject
    EventCodec codec;

    @Inject
    ObjectMapper json;

    @Test
    void everyPublishedEventTypeRoundTripsThroughItsContractRecord() {
        List<Published> published = Stream.of(Aggregates.IDEA, Aggregates.EXPERIMENT, Aggregates.PROMPT)
                .flatMap(PublishedEventsContractTest::published)
                .toList();
        PublishedContract.verify(published, codec::encode, json);
    }

    /** docs/asyncapi.yaml, the stream contract, is served beside the OpenAPI document, like it without a token. */
    @Test
    void theAsyncApiDocumentIsServedBesideTheOpenApi() {
        given().when().get("/asyncapi.yaml").then().statusCode(200)
                .body(containsString("asyncapi: 3.0.0"), containsString("address: experiments.idea"));
    }

    private static Stream<Published> published(AggregateType<?, ?, ?> aggregate) {
        return aggregate.eventTypes().stream()
                .map(type -> new Published(type.cloudEventType(), TOPIC_PREFIX + "." + aggregate.name(), type.javaType()));
    }
}
