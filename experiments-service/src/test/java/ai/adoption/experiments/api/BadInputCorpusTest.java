package ai.adoption.experiments.api;

import ai.adoption.experiments.Api;
import ai.adoption.experiments.OpenApiDocument;
import ai.adoption.experiments.OpenApiDocument.Op;
import ai.adoption.experiments.RawHttp;
import ai.adoption.testinfra.DevTokens;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import static ai.adoption.experiments.Api.FINANCE;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bad-input corpus, generated from the service's own OpenAPI document: for every operation,
 * malformed and hostile variants of its path, query, headers, token and body (wrong types per
 * property, missing required, unknown fields, NUL and control characters, huge strings, bad ids,
 * enums, dates and If-Match, wrong media types, no or garbage token). Every answer must be below 500;
 * every 4xx an application/problem+json without a stack trace or a Java class name; every write
 * without the right token a 401 or 403; and every status answered is documented for the operation.
 *
 * <p>Not in the corpus: requests Vert.x's HTTP codec refuses before any application code runs
 * (malformed percent-encoding such as {@code %ZZ} in the request line, a NUL in a header value); they get
 * Vert.x's empty 400 (see HttpProblems).
 */
@QuarkusTest
class BadInputCorpusTest {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String LONE_SURROGATE = "\uFFFFlone-surrogate\uFFFF";
    private static final Pattern LEAK = Pattern.compile("Exception|\\tat |java\\.|jakarta\\.|io\\.quarkus|io\\.vertx|io\\.smallrye|com\\.fasterxml|org\\.jboss|org\\.hibernate|ai\\.adoption\\.");

    private record Caller(String subject, String department, String role) {
        String token() {
            return Api.token(subject, department, role);
        }
    }

    private record Sent(String label, int status, String contentType, String body) {
    }

    private final List<Sent> sent = new ArrayList<>();
    private OpenApiDocument doc;
    private Op current;
    private final List<String> failures = new ArrayList<>();
    private String idea;
    private String approvedIdea;
    private String experiment;
    private String prompt;

    private static final Caller OWNER = new Caller("corpus-owner", FINANCE, "employee");
    private static final Caller MANAGER = new Caller("corpus-mgr", FINANCE, "approver");
    private static final Caller LEAD = new Caller("corpus-lead", FINANCE, "employee");
    private static final Caller ADMIN = new Caller("corpus-admin", null, "admin");
    private static final Caller AMBASSADOR = new Caller("corpus-amb", FINANCE, "ambassador");
    private static final Caller NO_WRITE_ROLE = new Caller("corpus-cora", FINANCE, "compliance-officer");

    /** Who may call each operation; a new operation fails the test until it is listed here. */
    private static final Map<String, Caller> CALLERS = Map.ofEntries(
            Map.entry("submitIdea", OWNER), Map.entry("listIdeas", OWNER), Map.entry("getIdea", OWNER),
            Map.entry("getIdeaHistory", OWNER), Map.entry("reviseIdea", OWNER), Map.entry("withdrawIdea", OWNER),
            Map.entry("approveIdea", MANAGER), Map.entry("rejectIdea", MANAGER), Map.entry("startExperiment", MANAGER),
            Map.entry("listExperiments", LEAD), Map.entry("getExperiment", LEAD), Map.entry("getExperimentHistory", LEAD),
            Map.entry("recordLearning", LEAD), Map.entry("concludeExperiment", LEAD), Map.entry("abandonExperiment", LEAD),
            Map.entry("searchLearnings", LEAD), Map.entry("getFunnel", LEAD),
            Map.entry("listProjections", ADMIN), Map.entry("rebuildProjection", ADMIN),
            Map.entry("listDeadLetters", ADMIN), Map.entry("replayDeadLetters", ADMIN),
            Map.entry("draftPrompt", OWNER), Map.entry("listPrompts", OWNER), Map.entry("dailyPill", OWNER),
            Map.entry("getPrompt", OWNER), Map.entry("getPromptVersions", OWNER), Map.entry("getPromptHistory", OWNER),
            Map.entry("revisePrompt", OWNER), Map.entry("submitPrompt", OWNER), Map.entry("approvePrompt", AMBASSADOR),
            Map.entry("deprecatePrompt", AMBASSADOR), Map.entry("tryPrompt", OWNER));

    @Test
    void everyOperationAnswersHostileInputWithAProblemNever5xx() {
        OpenApiDocument doc = OpenApiDocument.fetch();
        idea = Api.submitIdea(OWNER.subject(), FINANCE);
        approvedIdea = Api.approvedIdea(FINANCE);
        experiment = Api.startExperiment(Api.approvedIdea(FINANCE), FINANCE, LEAD.subject());
        prompt = Api.employee(OWNER.subject(), FINANCE).body(Map.of("useCase", "Corpus", "businessFunction", "Finance",
                "text", "Summarise {{doc}}", "variables", List.of("doc"), "exampleOutput", "A summary", "tools", List.of("Corpus tool"),
                "maxDataClass", "INTERNAL")).post("/prompts").then().statusCode(201).extract().path("id");
        List<Op> operations = doc.operations();
        this.doc = doc;
        assertThat(operations).hasSizeGreaterThanOrEqualTo(19);
        long started = System.nanoTime();
        for (Op op : operations) {
            Caller caller = CALLERS.get(op.id());
            assertThat(caller).as("caller for new operation " + op.id()).isNotNull();
            current = op;
            corpus(doc, op, caller);
        }
        long seconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();
        System.out.printf("bad-input corpus: %d requests over %d operations in %d s%n", sent.size(), operations.size(), seconds);
        assertThat(failures).as("of " + sent.size() + " requests").isEmpty();
        assertThat(sent.size()).isGreaterThanOrEqualTo(1000);
        assertThat(sent.stream().filter(s -> s.status() >= 500)).isEmpty();
    }

    // ---- generation -------------------------------------------------------------------------------------------

    private void corpus(OpenApiDocument doc, Op op, Caller caller) {
        boolean write = !op.method().equals("GET");
        String path = path(op, Map.of());
        JsonNode schema = doc.requestSchema(op);
        String validBody = schema == null ? null : valid(doc, schema, "").toString();
        Map<String, String> json = schema == null ? Map.of() : Map.of("Content-Type", "application/json");

        // tokens: none, garbage, forged, foreign, expired; writes also with a role that may not write
        String label = op.id() + " ";
        expectAuth(label + "no token", send(op.method(), path, json, validBody, null), 401);
        for (String bad : List.of("Bearer garbage", "Bearer ", "Basic YWxpY2U6c2VjcmV0", "Bearer a.b.c", "Bearer " + noneAlgToken(),
                "Bearer " + foreignToken(), "bearer" + caller.token(), "Bearer " + caller.token() + "x")) {
            expectAuth(label + "token " + RawHttp.abbreviate(bad), send(op.method(), path, json, validBody, bad), 401);
        }
        if (write) {
            expectAuth(label + "wrong role", send(op.method(), path, json, validBody, "Bearer " + NO_WRITE_ROLE.token()), 403);
        }
        String auth = "Bearer " + caller.token();

        // path parameters
        for (JsonNode parameter : parameters(op, "path")) {
            String name = parameter.path("name").asText();
            for (String bad : List.of("nope", "1", "%00", "a%00b", "%C3%28", "%ED%A0%80", "%7B" + UUID.randomUUID() + "%7D",
                    UUID.randomUUID().toString().replace("-", ""), UUID.randomUUID() + "x", "..", "%2e%2e%2f%2e%2e", "x".repeat(5000),
                    "%20", "null", "-1", "' or 1=1 --", "%3Cscript%3E")) {
                check(label + "path " + name + "=" + RawHttp.abbreviate(bad), send(op.method(), path(op, Map.of(name, bad)), json, validBody, auth));
            }
            check(label + "path " + name + " unknown", send(op.method(), path(op, Map.of(name, UUID.randomUUID().toString())), json, validBody, auth));
        }

        // query parameters, from their documented schemas
        for (JsonNode parameter : parameters(op, "query")) {
            String name = parameter.path("name").asText();
            JsonNode schema2 = doc.resolve(parameter.path("schema"));
            List<String> values = new ArrayList<>(List.of("%00", "a%00b", "%C3%28", "%01%02%1F", "x".repeat(600), "x".repeat(5000),
                    "%20%20", "' or 1=1 --", "%3Cimg%20src%3Dx%3E", "%F0%9F%98%80", "%EF%BB%BF"));
            values.addAll(wrongQueryValues(schema2));
            for (String bad : values) {
                check(label + "query " + name + "=" + RawHttp.abbreviate(bad), send(op.method(), path + "?" + name + "=" + bad, json, validBody, auth));
            }
            check(label + "query " + name + " twice", send(op.method(), path + "?" + name + "=1&" + name + "=2", json, validBody, auth));
        }
        check(label + "unknown query", send(op.method(), path + "?nosuch=%00", json, validBody, auth));
        check(label + "bare ?", send(op.method(), path + "?&&==&", json, validBody, auth));

        // headers
        for (JsonNode parameter : parameters(op, "header")) {
            String name = parameter.path("name").asText();
            List<String> values = name.equals("If-Match")
                    ? List.of("\"1", "1", "W/\"1\"", "*, \"1\"", "\"a\"", "\"1\" \"2\"", "\"1\",", ",", "W/", "\"\"", "\"" + "9".repeat(30) + "\"",
                    "\"-1\"", "x".repeat(300), "\u00e9", "\"1\"\t;")
                    : List.of("x".repeat(300), " ", "\u00e9\u00e8", "a,b", "\"quoted\"", "x".repeat(8000));
            for (String bad : values) {
                check(label + "header " + name + "=" + RawHttp.abbreviate(bad), send(op.method(), path, headers(json, Map.of(name, bad)), validBody, auth));
            }
        }
        for (String accept : List.of("application/xml", "text/html", "image/png", "application/json;q=0", "garbage///")) {
            check(label + "Accept " + accept, send(op.method(), path, headers(json, Map.of("Accept", accept)), validBody, auth));
        }
        check(label + "correlation id garbage", send(op.method(), path, headers(json, Map.of("X-Correlation-Id", "x\u00ff".repeat(100))), validBody, auth));

        if (schema == null) {
            // a body where none belongs, and a body in a GET
            check(label + "unexpected body", send(op.method(), path, Map.of("Content-Type", "application/json"), "{\"x\":1}", auth));
            return;
        }

        // media types
        for (String type : List.of("text/plain", "application/xml", "multipart/form-data; boundary=x", "application/x-www-form-urlencoded",
                "application/json; charset=ebcdic-nonsense", "application/json; charset=utf-16", "garbage", "")) {
            Map<String, String> h = type.isEmpty() ? Map.of() : Map.of("Content-Type", type);
            check(label + "Content-Type " + type, send(op.method(), path, h, validBody, auth));
        }

        // whole-body garbage
        for (String body : List.of("", "null", "[]", "{", "}", "\"text\"", "1", "true", "{}{}", "{} x", "{\"a\":1,\"a\":2}",
                "[".repeat(5000), "{\"a\":".repeat(3000), "{\"x\":" + "9".repeat(5000) + "}", "\uFEFF{}", "{'single':'quotes'}",
                "{\"unterminated\": \"", "{\"title\": NaN}", "/* comment */ {}", validBody + validBody)) {
            check(label + "body " + RawHttp.abbreviate(body), send(op.method(), path, json, body, auth));
        }
        check(label + "body invalid UTF-8", sendBytes(op.method(), path, json, new byte[]{'{', '"', 't', '"', ':', '"', (byte) 0xC3, 0x28, '"', '}'}, auth));
        check(label + "body 70 kB", send(op.method(), path, json, "{\"x\":\"" + "x".repeat(70_000) + "\"}", auth));

        // per property, generated from the schema
        ObjectNode base = (ObjectNode) valid(doc, schema, "");
        ObjectNode unknown = base.deepCopy();
        unknown.put("noSuchField", 1);
        check(label + "unknown field", send(op.method(), path, json, unknown.toString(), auth));
        ObjectNode proto = base.deepCopy();
        proto.set("__proto__", NODES.objectNode().put("admin", true));
        check(label + "__proto__", send(op.method(), path, json, proto.toString(), auth));
        properties(doc, schema, "", (pointer, propertySchema, required) -> {
            if (required) {
                check(label + "missing " + pointer, send(op.method(), path, json, without(base, pointer).toString(), auth));
            }
            for (JsonNode bad : wrongValues(doc, propertySchema)) {
                String body = with(base, pointer, bad).toString().replace(LONE_SURROGATE, "\\ud800");
                check(label + pointer + "=" + RawHttp.abbreviate(bad.toString()), send(op.method(), path, json, body, auth));
            }
        });
    }

    private interface PropertyVisitor {
        void visit(String pointer, JsonNode schema, boolean required);
    }

    private static void properties(OpenApiDocument doc, JsonNode schema, String prefix, PropertyVisitor visitor) {
        schema = doc.resolve(schema);
        Set<String> required = new java.util.HashSet<>();
        schema.path("required").forEach(r -> required.add(r.asText()));
        Iterator<Map.Entry<String, JsonNode>> fields = schema.path("properties").fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String pointer = prefix + "/" + field.getKey();
            JsonNode property = doc.resolve(field.getValue());
            visitor.visit(pointer, property, required.contains(field.getKey()));
            if (property.has("properties") && prefix.isEmpty()) {
                properties(doc, property, pointer, visitor);
            }
        }
    }

    /** A valid-looking value for the schema (documented examples, formats, first enum constant). */
    private JsonNode valid(OpenApiDocument doc, JsonNode schema, String name) {
        schema = doc.resolve(schema);
        switch (name) {
            case "ideaId": return NODES.textNode(approvedIdea);
            case "revisitAfter": return NODES.textNode("P3M");
            case "currency": return NODES.textNode("EUR");
            case "startDate": return NODES.textNode(LocalDate.now().toString());
            case "plannedEndDate": return NODES.textNode(LocalDate.now().plusWeeks(6).toString());
            case "lead": return NODES.textNode(LEAD.subject());
            case "department": return NODES.textNode(FINANCE);
            default: break;
        }
        if (schema.has("enum")) {
            return schema.get("enum").get(0);
        }
        switch (type(schema)) {
            case "object": {
                ObjectNode object = NODES.objectNode();
                schema.path("properties").fields().forEachRemaining(f -> object.set(f.getKey(), valid(doc, f.getValue(), f.getKey())));
                return object;
            }
            case "array": {
                ArrayNode array = NODES.arrayNode();
                array.add(valid(doc, schema.path("items"), ""));
                return array;
            }
            case "integer": return NODES.numberNode(1);
            case "number": return NODES.numberNode(100);
            case "boolean": return NODES.booleanNode(true);
            default: {
                String format = schema.path("format").asText();
                if (format.equals("date")) {
                    return NODES.textNode(LocalDate.now().toString());
                }
                if (format.equals("uuid")) {
                    return NODES.textNode(approvedIdea);
                }
                return NODES.textNode("corpus " + UUID.randomUUID());
            }
        }
    }

    private static String type(JsonNode schema) {
        JsonNode type = schema.path("type");
        if (type.isArray()) {
            for (JsonNode t : type) {
                if (!t.asText().equals("null")) {
                    return t.asText();
                }
            }
        }
        if (type.isTextual()) {
            return type.asText();
        }
        return schema.has("properties") ? "object" : "string";
    }

    /** Wrong and hostile values for one property, by its documented type, format and enum. */
    private static List<JsonNode> wrongValues(OpenApiDocument doc, JsonNode schema) {
        List<JsonNode> values = new ArrayList<>();
        values.add(NODES.nullNode());
        values.add(NODES.objectNode().put("nested", true));
        String type = type(schema);
        if (!type.equals("array")) {
            values.add(NODES.arrayNode().add("x"));
            values.add(NODES.arrayNode());
        }
        switch (type) {
            case "string" -> {
                values.add(NODES.numberNode(12345));
                values.add(NODES.numberNode(1.5));
                values.add(NODES.booleanNode(true));
                for (String text : List.of("", "   ", "\u0000", "a\u0000b", "\u0001\u0008\u001b[31m\u007f", LONE_SURROGATE, "x".repeat(9000),
                        "\u202Eevil\u202C", "<img src=x onerror=alert(1)>", "' or 1=1 --", "\uD83D\uDE00", "\r\n\r\nHTTP/1.1 200 OK")) {
                    values.add(NODES.textNode(text));
                }
                String format = schema.path("format").asText();
                if (format.equals("date")) {
                    for (String date : List.of("+300000-01-01", "0000-01-01", "-0001-01-01", "2026-02-30", "2026-13-01", "2026-1-5",
                            "2026-01-01T00:00:00", "2026-01-01T00:00:00Z", "tomorrow", "+999999999-12-31", "20260101")) {
                        values.add(NODES.textNode(date));
                    }
                    values.add(NODES.numberNode(7));
                }
                if (format.equals("uuid")) {
                    for (String id : List.of("nope", "{" + UUID.randomUUID() + "}", UUID.randomUUID().toString().replace("-", ""),
                            "AAAAAAAAAAAAAAAAAAAAAA==", UUID.randomUUID().toString())) {
                        values.add(NODES.textNode(id));
                    }
                }
                if (schema.has("enum")) {
                    String first = schema.get("enum").get(0).asText();
                    for (String e : List.of(first.toLowerCase(), " " + first + " ", first + "\u0000", "NO_SUCH_VALUE")) {
                        values.add(NODES.textNode(e));
                    }
                    values.add(NODES.numberNode(0));
                }
            }
            case "integer", "number" -> {
                values.add(NODES.textNode("100"));
                values.add(NODES.booleanNode(true));
                values.add(NODES.numberNode(-1));
                values.add(NODES.numberNode(new java.math.BigDecimal("1e400")));
                values.add(NODES.numberNode(new java.math.BigDecimal("123456789012345678901234567890.123456")));
                values.add(NODES.numberNode(new java.math.BigDecimal("1e-400")));
                values.add(NODES.textNode("NaN"));
            }
            case "boolean" -> {
                values.add(NODES.textNode("true"));
                values.add(NODES.numberNode(1));
                values.add(NODES.textNode("yes"));
            }
            case "array" -> {
                values.add(NODES.textNode("just one string"));
                values.add(NODES.numberNode(1));
                values.add(NODES.arrayNode());
                values.add(NODES.arrayNode().add(123));
                values.add(NODES.arrayNode().addNull());
                values.add(NODES.arrayNode().add(NODES.objectNode()));
                values.add(NODES.arrayNode().add("\u0000"));
                ArrayNode many = NODES.arrayNode();
                for (int i = 0; i < 500; i++) {
                    many.add("item " + i);
                }
                values.add(many);
            }
            case "object" -> {
                values.add(NODES.textNode("x"));
                values.add(NODES.numberNode(1));
                values.add(NODES.objectNode());
            }
            default -> {
            }
        }
        return values;
    }

    private static List<String> wrongQueryValues(JsonNode schema) {
        List<String> values = new ArrayList<>();
        String type = type(schema);
        String format = schema.path("format").asText();
        if (type.equals("integer")) {
            values.addAll(List.of("abc", "-1", "1e3", "99999999999", "1.5", "0x10", "%2B1", "-2147483648", "2147483647"));
        } else if (type.equals("boolean")) {
            values.addAll(List.of("TRUE", "yes", "1", "tru"));
        } else if (format.equals("date")) {
            values.addAll(List.of("tomorrow", "%2B999999999-12-31", "%2B300000-01-01", "0000-01-01", "2026-02-30", "2026-01-01T00:00:00", "20260101"));
        } else if (schema.has("enum")) {
            String first = schema.get("enum").get(0).asText();
            values.addAll(List.of(first.toLowerCase(), "%20" + first, "NO_SUCH_VALUE", "0"));
        } else {
            values.addAll(List.of("-", "%22", "%22unterminated", "a%20or%20b", "-%22x", "%26%7C%21", "%3A*", "!!!"));
        }
        return values;
    }

    private static Iterable<JsonNode> parameters(Op op, String in) {
        List<JsonNode> found = new ArrayList<>();
        op.node().path("parameters").forEach(p -> {
            if (p.path("in").asText().equals(in)) {
                found.add(p);
            }
        });
        return found;
    }

    private String path(Op op, Map<String, String> overrides) {
        String path = op.path();
        for (JsonNode parameter : parameters(op, "path")) {
            String name = parameter.path("name").asText();
            String value = overrides.containsKey(name) ? overrides.get(name) : fixture(op, name);
            path = path.replace("{" + name + "}", value);
        }
        return path;
    }

    private String fixture(Op op, String name) {
        if (name.equals("name")) {
            return "no-such-projection";
        }
        if (op.path().startsWith("/prompts")) {
            return prompt;
        }
        return op.path().startsWith("/experiments") ? experiment : idea;
    }

    private static JsonNode with(ObjectNode base, String pointer, JsonNode value) {
        ObjectNode copy = base.deepCopy();
        String[] parts = pointer.substring(1).split("/");
        ObjectNode parent = copy;
        for (int i = 0; i < parts.length - 1; i++) {
            parent = (ObjectNode) parent.get(parts[i]);
        }
        parent.set(parts[parts.length - 1], value);
        return copy;
    }

    private static JsonNode without(ObjectNode base, String pointer) {
        ObjectNode copy = base.deepCopy();
        String[] parts = pointer.substring(1).split("/");
        ObjectNode parent = copy;
        for (int i = 0; i < parts.length - 1; i++) {
            parent = (ObjectNode) parent.get(parts[i]);
        }
        parent.remove(parts[parts.length - 1]);
        return copy;
    }

    private static Map<String, String> headers(Map<String, String> base, Map<String, String> more) {
        Map<String, String> all = new LinkedHashMap<>(base);
        all.putAll(more);
        return all;
    }

    // ---- sending and checking -----------------------------------------------------------------------------------

    private RawHttp.Reply send(String method, String target, Map<String, String> headers, String body, String authorization) {
        return sendBytes(method, target, headers, body == null ? null : body.getBytes(StandardCharsets.UTF_8), authorization);
    }

    private RawHttp.Reply sendBytes(String method, String target, Map<String, String> headers, byte[] body, String authorization) {
        Map<String, String> all = new LinkedHashMap<>(headers);
        if (authorization != null) {
            all.put("Authorization", authorization);
        }
        return RawHttp.send(method, target.replace(" ", "%20"), all, body);
    }

    private void check(String label, RawHttp.Reply reply) {
        sent.add(new Sent(label, reply.status(), reply.contentType(), reply.body()));
        // the document tells the truth: every status the operation answers is documented for it
        if (!current.node().path("responses").has(Integer.toString(reply.status()))) {
            failures.add(label + " -> " + reply.status() + " is not documented for " + current.id());
        }
        if (reply.status() >= 500) {
            failures.add(label + " -> " + reply.status() + " " + RawHttp.abbreviate(reply.body()));
            return;
        }
        if (reply.status() >= 400) {
            if (!reply.contentType().startsWith("application/problem+json")) {
                failures.add(label + " -> " + reply.status() + " as '" + reply.contentType() + "' " + RawHttp.abbreviate(reply.body()));
                return;
            }
            try {
                JsonNode problem = OpenApiDocument.JSON.readTree(reply.body());
                if (problem.path("status").asInt() != reply.status() || problem.path("title").asText().isBlank()
                        || !problem.path("type").asText().startsWith("https://")) {
                    failures.add(label + " -> " + reply.status() + " not a problem: " + RawHttp.abbreviate(reply.body()));
                }
                if (reply.status() == 400 && problem.path("errors").path(0).path("field").asText().isBlank()) {
                    failures.add(label + " -> 400 names no field: " + RawHttp.abbreviate(reply.body()));
                }
            } catch (Exception e) {
                failures.add(label + " -> " + reply.status() + " unreadable problem: " + RawHttp.abbreviate(reply.body()));
            }
            if (LEAK.matcher(reply.body()).find()) {
                failures.add(label + " -> " + reply.status() + " leaks internals: " + RawHttp.abbreviate(reply.body()));
            }
        }
    }

    private void expectAuth(String label, RawHttp.Reply reply, int expected) {
        check(label, reply);
        if (reply.status() != expected) {
            failures.add(label + " -> " + reply.status() + ", expected " + expected);
        }
    }

    private static String noneAlgToken() {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return b64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(("{\"iss\":\"ai-adoption-dev\",\"sub\":\"x\",\"groups\":[\"admin\",\"employee\",\"approver\"],"
                + "\"exp\":" + (System.currentTimeMillis() / 1000 + 600) + "}").getBytes(StandardCharsets.UTF_8)) + ".";
    }

    private static String foreign;

    private static synchronized String foreignToken() {
        if (foreign != null) {
            return foreign;
        }
        try {
            java.security.KeyPairGenerator generator = java.security.KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            foreign = DevTokens.mint("x", Set.of("employee", "approver", "admin"), FINANCE, Duration.ofMinutes(5),
                    generator.generateKeyPair().getPrivate());
            return foreign;
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unused")
    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
