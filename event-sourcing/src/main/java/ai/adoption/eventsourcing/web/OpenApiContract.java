package ai.adoption.eventsourcing.web;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.media.Schema.SchemaType;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Makes every service's OpenAPI document tell the truth about errors: each operation lists the
 * problem responses the shared web layer can give it (400 always, 401/403 when secured, 404 with a
 * path id, 406, 412 with If-Match, 413/415 with a body, 500, 503), each as
 * {@code application/problem+json} with the {@code Problem} schema. Success responses and the
 * operation-specific 409/422 are declared on the resources.
 */
@OpenApiFilter(stages = OpenApiFilter.RunStage.BUILD)
public class OpenApiContract implements OASFilter {

    static final String PROBLEM_REF = "#/components/schemas/Problem";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        Components components = openAPI.getComponents();
        if (components == null) {
            components = OASFactory.createComponents();
            openAPI.setComponents(components);
        }
        components.addSchema("FieldError", fieldErrorSchema());
        components.addSchema("Problem", problemSchema());
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        for (Map.Entry<String, PathItem> path : openAPI.getPaths().getPathItems().entrySet()) {
            Map<PathItem.HttpMethod, Operation> operations = path.getValue().getOperations();
            if (operations == null) {
                continue;
            }
            for (Map.Entry<PathItem.HttpMethod, Operation> entry : operations.entrySet()) {
                document(path.getKey(), entry.getValue(), openAPI);
            }
        }
        removeUnusedSchemas(openAPI);
    }

    /** Generic types leave their raw schema behind (e.g. Page next to PageIdeaView): keep only what is referenced. */
    private static void removeUnusedSchemas(OpenAPI openAPI) {
        Map<String, Schema> schemas = openAPI.getComponents().getSchemas();
        if (schemas == null) {
            return;
        }
        java.util.Set<String> used = new java.util.HashSet<>();
        java.util.Deque<Schema> pending = new java.util.ArrayDeque<>();
        for (PathItem item : openAPI.getPaths().getPathItems().values()) {
            for (Operation operation : item.getOperations().values()) {
                if (operation.getParameters() != null) {
                    operation.getParameters().forEach(p -> push(pending, p.getSchema()));
                }
                if (operation.getRequestBody() != null) {
                    contentSchemas(operation.getRequestBody().getContent(), pending);
                }
                if (operation.getResponses() != null) {
                    operation.getResponses().getAPIResponses().values().forEach(r -> contentSchemas(r.getContent(), pending));
                }
            }
        }
        while (!pending.isEmpty()) {
            Schema schema = pending.pop();
            if (schema.getRef() != null) {
                String name = schema.getRef().substring(schema.getRef().lastIndexOf('/') + 1);
                if (used.add(name) && schemas.containsKey(name)) {
                    pending.push(schemas.get(name));
                }
            }
            if (schema.getProperties() != null) {
                schema.getProperties().values().forEach(p -> push(pending, p));
            }
            push(pending, schema.getItems());
            if (schema.getAdditionalPropertiesSchema() != null) {
                push(pending, schema.getAdditionalPropertiesSchema());
            }
            for (List<Schema> parts : java.util.Arrays.asList(schema.getAllOf(), schema.getAnyOf(), schema.getOneOf())) {
                if (parts != null) {
                    parts.forEach(p -> push(pending, p));
                }
            }
        }
        new java.util.ArrayList<>(schemas.keySet()).stream().filter(name -> !used.contains(name))
                .forEach(name -> openAPI.getComponents().removeSchema(name));
    }

    private static void contentSchemas(Content content, java.util.Deque<Schema> pending) {
        if (content != null && content.getMediaTypes() != null) {
            content.getMediaTypes().values().forEach(m -> push(pending, m.getSchema()));
        }
    }

    private static void push(java.util.Deque<Schema> pending, Schema schema) {
        if (schema != null) {
            pending.push(schema);
        }
    }

    private static void document(String path, Operation operation, OpenAPI openAPI) {
        APIResponses responses = operation.getResponses();
        if (responses == null) {
            responses = OASFactory.createAPIResponses();
            operation.setResponses(responses);
        }
        boolean secured = (operation.getSecurity() != null && !operation.getSecurity().isEmpty())
                || (operation.getSecurity() == null && openAPI.getSecurity() != null && !openAPI.getSecurity().isEmpty());
        boolean hasBody = operation.getRequestBody() != null;
        boolean ifMatch = operation.getParameters() != null && operation.getParameters().stream()
                .anyMatch(p -> p.getIn() == Parameter.In.HEADER && "If-Match".equalsIgnoreCase(p.getName()));
        add(responses, "400", "Invalid request: the fields at fault are in errors[].field");
        if (secured) {
            add(responses, "401", "No valid bearer token");
            add(responses, "403", "The token's role or department does not allow this");
        }
        if (path.contains("{")) {
            add(responses, "404", "No such resource");
        }
        add(responses, "414", "The request target (path and query) is too long");
        add(responses, "406", "The Accept header allows neither application/json nor application/problem+json");
        if (ifMatch) {
            add(responses, "412", "If-Match does not match the current version (see currentVersion)");
        }
        if (hasBody) {
            add(responses, "413", "The request body is too large");
            add(responses, "415", "The request body is not application/json");
        }
        add(responses, "500", "Internal error; quote the correlation id");
        add(responses, "503", "The database is unavailable; nothing was changed, retry later");
        // every error response, including those declared on a resource, is a problem
        for (Map.Entry<String, APIResponse> response : responses.getAPIResponses().entrySet()) {
            if (response.getKey().startsWith("4") || response.getKey().startsWith("5")) {
                response.getValue().setContent(problemContent());
            }
        }
        // stable order: by status code
        Map<String, APIResponse> sorted = new TreeMap<>(responses.getAPIResponses());
        responses.setAPIResponses(sorted);
    }

    private static void add(APIResponses responses, String status, String description) {
        if (!responses.hasAPIResponse(status)) {
            responses.addAPIResponse(status, OASFactory.createAPIResponse().description(description));
        }
    }

    private static Content problemContent() {
        MediaType media = OASFactory.createMediaType().schema(OASFactory.createSchema().ref(PROBLEM_REF));
        return OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE, media);
    }

    private static Schema string(String description) {
        return OASFactory.createSchema().addType(SchemaType.STRING).description(description);
    }

    private static Schema fieldErrorSchema() {
        return OASFactory.createSchema().addType(SchemaType.OBJECT)
                .description("One invalid part of the request")
                .addProperty("field", string("JSON path of the field (e.g. successCriteria[0]), a parameter or header name, or $ for the whole body"))
                .addProperty("message", string("What is wrong with it"))
                .required(List.of("field", "message"));
    }

    private static Schema problemSchema() {
        return OASFactory.createSchema().addType(SchemaType.OBJECT)
                .description("RFC 9457 problem details (application/problem+json)")
                .addProperty("type", string("URI identifying the kind of problem").format("uri"))
                .addProperty("title", string("Short summary of the kind of problem"))
                .addProperty("status", OASFactory.createSchema().addType(SchemaType.INTEGER).format("int32")
                        .description("The HTTP status code"))
                .addProperty("detail", string("Explanation of this occurrence"))
                .addProperty("instance", string("The request path"))
                .addProperty("correlationId", string("Quote it when reporting a problem"))
                .addProperty("errors", OASFactory.createSchema().addType(SchemaType.ARRAY)
                        .description("The fields at fault")
                        .items(OASFactory.createSchema().ref("#/components/schemas/FieldError")))
                .addProperty("currentState", string("409: the state the resource is in"))
                .addProperty("currentVersion", OASFactory.createSchema().addType(SchemaType.INTEGER).format("int64")
                        .description("412: the resource's current version (its ETag)"))
                .required(List.of("type", "title", "status"));
    }
}
