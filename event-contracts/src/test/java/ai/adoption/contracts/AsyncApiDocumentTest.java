package ai.adoption.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static ai.adoption.contracts.ContractJson.STRICT;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/asyncapi.yaml is what {@link AsyncApiDocument} generates from the catalogue and the records
 * now, it describes every topic, dead-letter topic and event type, and the documented examples of
 * docs/events.md validate against its payload schemas (while broken copies of them do not).
 */
class AsyncApiDocumentTest {

    private static final Pattern DEAD_LETTER_TOPIC = Pattern.compile("\\b[a-z]+\\.[a-z-]+\\.dlt\\b");
    private static final JsonSchemaFactory SCHEMAS = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7);
    private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();

    @Test
    void theCommittedDocumentIsWhatTheGeneratorProducesNow() throws IOException {
        String generated = AsyncApiDocument.yaml();
        if (Boolean.getBoolean("asyncapi.write")) {
            Files.writeString(AsyncApiDocument.FILE, generated, StandardCharsets.UTF_8);
        }
        String committed = Files.exists(AsyncApiDocument.FILE) ? Files.readString(AsyncApiDocument.FILE) : "";
        assertThat(committed).as("docs/asyncapi.yaml is not what the event catalogue and the contract records generate now. "
                + "Regenerate it from the project root with\n  " + AsyncApiDocument.REGENERATE + "\nand commit it.")
                .isEqualTo(generated);
    }

    @Test
    void everyTopicAndDeadLetterTopicIsAChannelAndEveryTypeAMessageWithItsPayloadSchema() throws IOException {
        JsonNode document = committed();
        JsonNode channels = document.path("channels");
        for (EventContract<?> contract : EventCatalogue.ALL) {
            JsonNode channel = channels.path(contract.topic());
            assertThat(channel.path("address").asText()).as(contract.topic()).isEqualTo(contract.topic());
            assertThat(channel.path("messages").path(AsyncApiDocument.messageName(contract)).path("$ref").asText())
                    .as(contract.type() + " on " + contract.topic()).isEqualTo("#/components/messages/" + contract.type());
            JsonNode message = document.path("components").path("messages").path(contract.type());
            assertThat(message.path("payload")).as(contract.type()).isEqualTo(RecordSchemas.of(contract.payload()));
            assertThat(message.path("headers").path("allOf").get(1).path("properties").path("ce_type").path("const").asText())
                    .isEqualTo(contract.type());
        }
        Set<String> deadLetterTopics = new TreeSet<>(matches(Files.readString(Path.of("..", "docs", "events.md"))));
        try (Stream<Path> services = Files.list(Path.of(".."))) {
            for (Path properties : services.map(dir -> dir.resolve("src/main/resources/application.properties"))
                    .filter(Files::exists).toList()) {
                deadLetterTopics.addAll(matches(Files.readString(properties)));
            }
        }
        assertThat(deadLetterTopics).hasSizeGreaterThanOrEqualTo(7);
        for (String topic : deadLetterTopics) {
            assertThat(channels.path(topic).path("address").asText()).as("dead-letter topic " + topic + " as a channel")
                    .isEqualTo(topic);
        }
    }

    @Test
    void theDocumentedExamplesValidateAgainstTheirPayloadSchemasAndBrokenCopiesDoNot() throws IOException {
        JsonNode messages = committed().path("components").path("messages");
        for (Map.Entry<String, String> example : EventsDocumentationTest.examples().entrySet()) {
            JsonSchema schema = SCHEMAS.getSchema(messages.path(example.getKey()).path("payload"), CONFIG);
            ObjectNode payload = (ObjectNode) STRICT.readTree(example.getValue());
            assertThat(schema.validate(payload)).as(example.getKey() + " " + payload).isEmpty();

            JsonNode required = messages.path(example.getKey()).path("payload").path("required");
            ObjectNode missing = payload.deepCopy();
            missing.remove(required.get(0).asText());
            assertThat(schema.validate(missing)).as(example.getKey() + " without " + required.get(0)).isNotEmpty();
        }
        JsonSchema finding = SCHEMAS.getSchema(messages.path("ai.adoption.finding.raised.v1").path("payload"), CONFIG);
        String ids = "\"findingId\":\"3f1c2d4e-5b6a-4c7d-8e9f-0a1b2c3d4e5f\",\"ideaId\":\"5997cd9a-be77-4388-ba97-ac8b40c3d6be\"";
        assertThat(finding.validate(STRICT.readTree("{" + ids + ",\"kind\":\"TOOL_NOT_APPROVED\"}"))).isEmpty();
        for (String broken : new String[] {"{" + ids + ",\"kind\":\"tool_not_approved\"}",
                "{\"findingId\":\"not-a-uuid\",\"ideaId\":\"5997cd9a-be77-4388-ba97-ac8b40c3d6be\",\"kind\":\"TOOL_NOT_APPROVED\"}",
                "{" + ids + ",\"kind\":\"TOOL_NOT_APPROVED\",\"allowedDataClasses\":[null]}",
                "{" + ids + ",\"kind\":\"TOOL_NOT_APPROVED\",\"tool\":7}"}) {
            Set<ValidationMessage> errors = finding.validate(STRICT.readTree(broken));
            assertThat(errors).as(broken).isNotEmpty();
        }
    }

    private static JsonNode committed() throws IOException {
        return new YAMLMapper().readTree(AsyncApiDocument.FILE.toFile());
    }

    private static Set<String> matches(String text) {
        Set<String> found = new TreeSet<>();
        Matcher matcher = DEAD_LETTER_TOPIC.matcher(text);
        while (matcher.find()) {
            found.add(matcher.group());
        }
        return found;
    }
}
