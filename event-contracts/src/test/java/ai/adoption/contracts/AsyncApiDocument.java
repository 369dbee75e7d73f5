package ai.adoption.contracts;


import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Generates {@code docs/asyncapi.yaml} (AsyncAPI 3.0) from the event catalogue and the contract
 * records: one channel per topic and per dead-letter topic (address = topic name), one message per
 * event type and version with its Kafka key, its CloudEvents {@code ce_*} headers and the JSON Schema
 * of its payload record. The output depends only on the code, so it is reproducible; {@link
 * AsyncApiDocumentTest} fails when the committed file differs. Regenerate with
 * {@value #REGENERATE}.
 */
public final class AsyncApiDocument {

    static final String REGENERATE =
            "./mvnw -q -pl event-contracts verify -Dtest=AsyncApiDocumentTest -Dsurefire.failIfNoSpecifiedTests=false -Dasyncapi.write=true";
    static final Path FILE = Path.of("..", "docs", "asyncapi.yaml");

    /** A consumer channel's dead-letter topic: where the records it cannot read are copied unchanged. */
    record DeadLetter(String topic, String service, String channel, List<String> sourceTopics) {
        DeadLetter(String topic, String service, String channel, String... sourceTopics) {
            this(topic, service, channel, List.of(sourceTopics));
        }
    }

    /** Every dead-letter topic of the services' consumers (their application.properties; docs/events.md). */
    static final List<DeadLetter> DEAD_LETTERS = List.of(
            new DeadLetter("experiments.revisit-events.dlt", "experiments-service", "revisit-events", "revisit.case"),
            new DeadLetter("experiments.finding-events.dlt", "experiments-service", "finding-events", "governance.finding"),
            new DeadLetter("experiments.tool-events.dlt", "experiments-service", "tool-events", "governance.tool"),
            new DeadLetter("governance.idea-events.dlt", "governance-service", "idea-events", "experiments.idea"),
            new DeadLetter("governance.experiment-events.dlt", "governance-service", "experiment-events", "experiments.experiment"),
            new DeadLetter("revisit.idea-events.dlt", "revisit-service", "idea-events", "experiments.idea"),
            new DeadLetter("revisit.experiment-events.dlt", "revisit-service", "experiment-events", "experiments.experiment"),
            new DeadLetter("revisit.tool-events.dlt", "revisit-service", "tool-events", "governance.tool"),
            new DeadLetter("dashboard.events.dlt", "dashboard-service", "events", "experiments.idea", "experiments.experiment",
                    "revisit.case", "revisit.policy", "governance.ai-system", "governance.department", "governance.person",
                    "governance.tool", "governance.finding"));

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final YAMLMapper YAML = new YAMLMapper(YAMLFactory.builder()
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
            .disable(YAMLGenerator.Feature.SPLIT_LINES)
            .build());

    private AsyncApiDocument() {
    }

    /** Writes the document to docs/asyncapi.yaml (run from the event-contracts directory). */
    public static void main(String[] args) throws IOException {
        Files.writeString(FILE, yaml(), StandardCharsets.UTF_8);
        System.out.println("Wrote " + FILE.toAbsolutePath().normalize());
    }

    static String yaml() throws JsonProcessingException {
        return "# Generated from event-contracts (EventCatalogue and the contract records) by AsyncApiDocument; do not edit.\n"
                + "# Regenerate: " + REGENERATE + "\n"
                + YAML.writeValueAsString(document());
    }

    static ObjectNode document() {
        ObjectNode root = NODES.objectNode().put("asyncapi", "3.0.0");
        ObjectNode info = root.putObject("info");
        info.put("title", "AI adoption event streams");
        info.put("version", "1.0.0");
        info.put("description", "Every event the services publish, as CloudEvents 1.0 records in the Kafka protocol binding's "
                + "binary content mode (docs/events.md). Consumers must read with isolation.level=read_committed and "
                + "de-duplicate by ce_id: delivery is at least once.");
        root.put("defaultContentType", "application/json");
        ObjectNode server = root.putObject("servers").putObject("local");
        server.put("host", "localhost:9092").put("protocol", "kafka").put("description", "The laptop path (deploy/run.sh)");

        Set<String> topics = new LinkedHashSet<>();
        EventCatalogue.ALL.forEach(contract -> topics.add(contract.topic()));
        ObjectNode channels = root.putObject("channels");
        ObjectNode operations = root.putObject("operations");
        for (String topic : topics) {
            List<EventContract<?>> types = EventCatalogue.onTopic(topic);
            ObjectNode channel = channels.putObject(topic);
            channel.put("address", topic);
            channel.put("description", "Published by " + service(topic) + " through its outbox relay; key: " + types.get(0).key() + ".");
            ObjectNode messages = channel.putObject("messages");
            types.forEach(type -> messages.putObject(messageName(type)).put("$ref", "#/components/messages/" + type.type()));
            operation(operations, "publish." + topic, topic, "send", service(topic) + " publishes these events.", types);
        }
        for (DeadLetter dead : DEAD_LETTERS) {
            List<EventContract<?>> types = dead.sourceTopics().stream().flatMap(t -> EventCatalogue.onTopic(t).stream()).toList();
            String sources = String.join(", ", dead.sourceTopics());
            ObjectNode channel = channels.putObject(dead.topic());
            channel.put("address", dead.topic());
            channel.put("description", "Dead-letter topic of " + dead.service() + "'s channel " + dead.channel() + " (reads "
                    + sources + "): a record it could not read, copied unchanged, with the headers "
                    + "dead-letter-reason, dead-letter-cause, dead-letter-topic, dead-letter-partition and dead-letter-offset added.");
            ObjectNode messages = channel.putObject("messages");
            types.forEach(type -> messages.putObject(messageName(type)).put("$ref", "#/components/messages/" + type.type()));
            operation(operations, "dead-letter." + dead.topic(), dead.topic(), "send",
                    dead.service() + " copies a record of " + sources + " it could not read here.", types);
        }

        ObjectNode components = root.putObject("components");
        components.putObject("schemas").set("CloudEventHeaders", headers());
        ObjectNode messages = components.putObject("messages");
        for (EventContract<?> type : EventCatalogue.ALL) {
            messages.set(type.type(), message(type));
        }
        return root;
    }

    private static void operation(ObjectNode operations, String id, String channel, String action, String description,
                                  List<EventContract<?>> types) {
        ObjectNode operation = operations.putObject(id);
        operation.put("action", action);
        operation.putObject("channel").put("$ref", "#/channels/" + channel);
        operation.put("description", description);
        ArrayNode refs = operation.putArray("messages");
        types.forEach(type -> refs.addObject().put("$ref", "#/channels/" + channel + "/messages/" + messageName(type)));
    }

    private static ObjectNode message(EventContract<?> type) {
        ObjectNode message = NODES.objectNode();
        message.put("name", type.type());
        message.put("title", type.name() + " v" + type.schemaVersion());
        message.put("summary", "ce_type " + type.type() + " on " + type.topic() + " (docs/events.md)");
        message.put("contentType", "application/json");
        ObjectNode headers = message.putObject("headers");
        ArrayNode allOf = headers.putArray("allOf");
        allOf.addObject().put("$ref", "#/components/schemas/CloudEventHeaders");
        ObjectNode own = allOf.addObject().put("type", "object");
        ObjectNode properties = own.putObject("properties");
        properties.putObject("ce_type").put("const", type.type());
        properties.putObject("ce_source").put("const", "urn:ai-adoption:" + service(type.topic()));
        message.set("payload", RecordSchemas.of(type.payload()));
        message.putObject("correlationId").put("location", "$message.header#/ce_correlationid");
        ObjectNode key = NODES.objectNode().put("type", "string");
        if (type.key().contains("UUID")) {
            key.put("format", "uuid");
        }
        key.put("description", type.key() + "; the same as ce_subject");
        ObjectNode kafka = message.putObject("bindings").putObject("kafka");
        kafka.set("key", key);
        kafka.put("bindingVersion", "0.5.0");
        return message;
    }

    private static ObjectNode headers() {
        ObjectNode schema = NODES.objectNode().put("type", "object");
        schema.put("description", "CloudEvents 1.0 attributes, Kafka binary content mode (docs/events.md, \"Record layout\")");
        ObjectNode p = schema.putObject("properties");
        p.putObject("ce_specversion").put("const", "1.0");
        header(p, "ce_id", "uuid", "The event id, fixed when the event was stored, identical on every redelivery");
        header(p, "ce_source", null, "urn:ai-adoption:<service>");
        header(p, "ce_type", null, "ai.adoption.<event name>.v<schema version>");
        header(p, "ce_subject", null, "The aggregate id, the same as the key");
        header(p, "ce_time", "date-time", "When the command was decided (RFC 3339, UTC)");
        p.putObject("content-type").put("const", "application/json");
        header(p, "ce_correlationid", null, "The request's X-Correlation-Id, carried through every event it caused");
        header(p, "ce_causationid", null, "The command (or consumed event) that caused this event");
        ObjectNode sequence = header(p, "ce_sequence", null,
                "The event's version within its aggregate, zero-padded to 19 digits (older records: unpadded)");
        sequence.put("pattern", "^[0-9]{1,19}$");
        header(p, "ce_recordedtime", "date-time", "When the event store recorded it");
        String traceparent = "^00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$";
        header(p, "ce_traceparent", null, "Distributed-tracing extension: the W3C traceparent of the relay's producer span "
                + "for this record, a child of the span the event was appended in").put("pattern", traceparent);
        header(p, "ce_tracestate", null, "Distributed-tracing extension: the W3C tracestate, only when there is one");
        header(p, "traceparent", null, "W3C Trace Context, the same value as ce_traceparent: what OpenTelemetry "
                + "consumers continue").put("pattern", traceparent);
        header(p, "tracestate", null, "W3C Trace Context, the same value as ce_tracestate");
        ArrayNode required = schema.putArray("required");
        List.of("ce_specversion", "ce_id", "ce_source", "ce_type", "ce_subject", "ce_time", "content-type", "ce_sequence")
                .forEach(required::add);
        return schema;
    }

    private static ObjectNode header(ObjectNode properties, String name, String format, String description) {
        ObjectNode header = properties.putObject(name).put("type", "string");
        if (format != null) {
            header.put("format", format);
        }
        return header.put("description", description);
    }

    /** The message's name within a channel: the type without the common prefix, e.g. {@code idea.submitted.v1}. */
    static String messageName(EventContract<?> type) {
        return type.type().substring(EventCatalogue.TYPE_PREFIX.length());
    }

    /** experiments.idea is published by experiments-service, governance.tool by governance-service ... */
    private static String service(String topic) {
        return topic.substring(0, topic.indexOf('.')) + "-service";
    }
}
