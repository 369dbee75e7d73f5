package ai.adoption.testinfra.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The payload schemas of docs/asyncapi.yaml, as event-contracts packages it
 * ({@value #RESOURCE}, the file each service serves at {@code /asyncapi.yaml}).
 */
public final class AsyncApiSchemas {

    public static final String RESOURCE = "META-INF/resources/asyncapi.yaml";

    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7);
    private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
    private static final JsonNode MESSAGES = load().path("components").path("messages");
    private static final Map<String, JsonSchema> BY_TYPE = new ConcurrentHashMap<>();

    private AsyncApiSchemas() {
    }

    /**
     * What is wrong with {@code payload} by the schema of its type's message; empty when it is valid.
     * A type with no message in the document is itself a problem.
     */
    public static List<String> problems(String type, JsonNode payload) {
        if (!MESSAGES.has(type)) {
            return List.of(type + " has no message in docs/asyncapi.yaml");
        }
        JsonSchema schema = BY_TYPE.computeIfAbsent(type, t -> FACTORY.getSchema(MESSAGES.path(t).path("payload"), CONFIG));
        return schema.validate(payload).stream().map(ValidationMessage::getMessage).toList();
    }

    private static JsonNode load() {
        try (InputStream in = AsyncApiSchemas.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the classpath (event-contracts packages docs/asyncapi.yaml)");
            }
            return new YAMLMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
