package ai.adoption.testinfra.contracts;

import ai.adoption.contracts.EventCatalogue;
import ai.adoption.contracts.EventContract;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Checks a producer against the stream contract: what it publishes for each of its event types
 * (its domain event, encoded as its event store and outbox relay encode it) reads strictly into the
 * type's contract record (no field the record lacks, exact types and enum names) and writes back to
 * the same JSON, and validates against the type's payload schema in docs/asyncapi.yaml; each type is
 * in the catalogue on the topic the service publishes it to; and every
 * catalogue type on those topics is one the service publishes.
 */
public final class PublishedContract {

    /** One event type a service publishes: its {@code ce_type}, its topic, its domain event class. */
    public record Published(String type, String topic, Class<?> domainEvent) {
    }

    private PublishedContract() {
    }

    /**
     * @param encode the service's encoding of a domain event ({@code EventCodec::encode})
     * @param mapper the service's object mapper, to read the contract records with
     */
    public static void verify(List<Published> published, Function<Object, String> encode, ObjectMapper mapper) {
        ObjectMapper strict = mapper.copy().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        List<String> problems = new ArrayList<>();
        for (Published type : published) {
            EventContract<?> contract = EventCatalogue.byType(type.type()).orElse(null);
            if (contract == null) {
                problems.add(type.type() + " is published but not in the event catalogue");
                continue;
            }
            if (!contract.topic().equals(type.topic())) {
                problems.add(type.type() + " is published on " + type.topic() + ", the catalogue says " + contract.topic());
            }
            for (Object sample : Samples.of(type.domainEvent())) {
                String wire = encode.apply(sample);
                try {
                    for (String problem : AsyncApiSchemas.problems(type.type(), strict.readTree(wire))) {
                        problems.add(type.type() + ": published " + wire + " does not validate against its schema in "
                                + "docs/asyncapi.yaml: " + problem);
                    }
                    Record read = strict.readValue(wire, contract.payload());
                    JsonNode back = strict.readTree(strict.writeValueAsString(read));
                    if (!sameJson(strict.readTree(wire), back)) {
                        problems.add(type.type() + ": published " + wire + " reads back as " + back);
                    }
                } catch (Exception e) {
                    problems.add(type.type() + ": published " + wire + " does not read into "
                            + contract.payload().getSimpleName() + ": " + e.getMessage());
                }
            }
        }
        Set<String> topics = published.stream().map(Published::topic).collect(Collectors.toSet());
        Set<String> types = published.stream().map(Published::type).collect(Collectors.toSet());
        for (EventContract<?> contract : EventCatalogue.ALL) {
            if (topics.contains(contract.topic()) && !types.contains(contract.type())) {
                problems.add(contract.type() + " is in the catalogue on " + contract.topic() + " but not published there");
            }
        }
        if (!problems.isEmpty()) {
            throw new AssertionError("The published events do not keep to the contract:\n  " + String.join("\n  ", problems));
        }
    }

    /** Same JSON, numbers compared by value. */
    private static boolean sameJson(JsonNode a, JsonNode b) {
        return a.equals((x, y) -> x.isNumber() && y.isNumber() ? x.decimalValue().compareTo(y.decimalValue())
                : x.equals(y) ? 0 : 1, b);
    }
}
