package ai.adoption.experiments;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.RestAssured;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The service's OpenAPI document as served at /q/openapi, and a small validator of JSON values against
 * its schemas ($ref, type, required, properties, items, enum, format uuid/date/date-time, allOf/anyOf/oneOf).
 */
public final class OpenApiDocument {

    public static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern UUID_FORMAT = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final Pattern DATE_FORMAT = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern DATE_TIME_FORMAT = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2})");

    public final JsonNode root;

    private OpenApiDocument(JsonNode root) {
        this.root = root;
    }

    /** Fetches the document and keeps a copy in target/openapi.json (what `npx @redocly/cli lint` reads). */
    public static OpenApiDocument fetch() {
        String text = RestAssured.given().accept("application/json").get("/q/openapi?format=json")
                .then().statusCode(200).extract().asString();
        try {
            Files.writeString(Path.of("target", "openapi.json"), text);
            return new OpenApiDocument(JSON.readTree(text));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public record Op(String method, String path, JsonNode node) {
        public String id() {
            return node.path("operationId").asText();
        }
    }

    public List<Op> operations() {
        List<Op> ops = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> paths = root.path("paths").fields();
        while (paths.hasNext()) {
            Map.Entry<String, JsonNode> path = paths.next();
            Iterator<Map.Entry<String, JsonNode>> methods = path.getValue().fields();
            while (methods.hasNext()) {
                Map.Entry<String, JsonNode> method = methods.next();
                if (List.of("get", "put", "post", "delete", "patch").contains(method.getKey())) {
                    ops.add(new Op(method.getKey().toUpperCase(), path.getKey(), method.getValue()));
                }
            }
        }
        return ops;
    }

    public Op operation(String operationId) {
        return operations().stream().filter(op -> op.id().equals(operationId)).findFirst()
                .orElseThrow(() -> new AssertionError("no operation " + operationId));
    }

    public JsonNode resolve(JsonNode schema) {
        int guard = 0;
        while (schema != null && schema.has("$ref") && guard++ < 20) {
            String ref = schema.get("$ref").asText();
            JsonNode target = root;
            for (String part : ref.substring(2).split("/")) {
                target = target.path(part.replace("~1", "/").replace("~0", "~"));
            }
            schema = target;
        }
        return schema;
    }

    /** The schema of the request body of {@code op} (application/json), resolved, or null. */
    public JsonNode requestSchema(Op op) {
        JsonNode schema = op.node().path("requestBody").path("content").path("application/json").path("schema");
        return schema.isMissingNode() ? null : resolve(schema);
    }

    /** Violations of {@code schema} by {@code value}, each with its JSON path; empty when it conforms. */
    public List<String> validate(JsonNode schema, JsonNode value, String at) {
        List<String> errors = new ArrayList<>();
        check(resolve(schema), value, at, errors);
        return errors;
    }

    private void check(JsonNode schema, JsonNode value, String at, List<String> errors) {
        schema = resolve(schema);
        if (schema == null || schema.isMissingNode()) {
            return;
        }
        for (JsonNode part : schema.path("allOf")) {
            check(part, value, at, errors);
        }
        for (String alternatives : List.of("anyOf", "oneOf")) {
            if (schema.has(alternatives)) {
                boolean any = false;
                for (JsonNode part : schema.get(alternatives)) {
                    List<String> partErrors = new ArrayList<>();
                    check(part, value, at, partErrors);
                    any |= partErrors.isEmpty();
                }
                if (!any) {
                    errors.add(at + ": matches none of " + alternatives);
                }
            }
        }
        List<String> types = new ArrayList<>();
        JsonNode type = schema.path("type");
        if (type.isTextual()) {
            types.add(type.asText());
        } else if (type.isArray()) {
            type.forEach(t -> types.add(t.asText()));
        }
        if (schema.path("nullable").asBoolean(false)) {
            types.add("null");
        }
        if (!types.isEmpty() && !types.contains(typeOf(value))
                && !(types.contains("number") && typeOf(value).equals("integer"))) {
            errors.add(at + ": is " + typeOf(value) + ", documented " + types);
            return;
        }
        if (schema.has("enum") && !value.isNull()) {
            boolean listed = false;
            for (JsonNode option : schema.get("enum")) {
                listed |= option.equals(value);
            }
            if (!listed) {
                errors.add(at + ": " + value + " is not one of " + schema.get("enum"));
            }
        }
        if (value.isTextual() && schema.has("format")) {
            String format = schema.get("format").asText();
            String text = value.asText();
            if ((format.equals("uuid") && !UUID_FORMAT.matcher(text).matches())
                    || (format.equals("date") && !DATE_FORMAT.matcher(text).matches())
                    || (format.equals("date-time") && !DATE_TIME_FORMAT.matcher(text).matches())) {
                errors.add(at + ": " + text + " is not a " + format);
            }
        }
        if (value.isObject()) {
            for (JsonNode required : schema.path("required")) {
                if (!value.has(required.asText())) {
                    errors.add(at + ": required property " + required.asText() + " is missing");
                }
            }
            JsonNode properties = schema.path("properties");
            Iterator<Map.Entry<String, JsonNode>> fields = value.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (properties.has(field.getKey())) {
                    check(properties.get(field.getKey()), field.getValue(), at + "." + field.getKey(), errors);
                } else if (properties.size() > 0 && !schema.has("additionalProperties")) {
                    errors.add(at + ": property " + field.getKey() + " is not documented");
                }
            }
        }
        if (value.isArray() && schema.has("items")) {
            for (int i = 0; i < value.size(); i++) {
                check(schema.get("items"), value.get(i), at + "[" + i + "]", errors);
            }
        }
    }

    private static String typeOf(JsonNode value) {
        if (value.isNull()) {
            return "null";
        }
        if (value.isTextual()) {
            return "string";
        }
        if (value.isIntegralNumber()) {
            return "integer";
        }
        if (value.isNumber()) {
            return "number";
        }
        if (value.isBoolean()) {
            return "boolean";
        }
        if (value.isArray()) {
            return "array";
        }
        return "object";
    }
}
