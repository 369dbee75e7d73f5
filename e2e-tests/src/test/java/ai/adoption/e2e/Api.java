package ai.adoption.e2e;

import ai.adoption.testinfra.DevTokens;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The e2e tests' HTTP client: {@code DevTokens} bearer tokens, JSON bodies, and polling until a condition holds. */
final class Api {

    /** How long one poll waits for its condition. */
    static final Duration STEP = Duration.ofSeconds(60);

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private Api() {
    }

    record Reply(int status, JsonNode json, String body) {
    }

    interface Call {
        Reply call() throws Exception;
    }

    static String token(String subject, String role, String department) {
        return DevTokens.mint(subject, Set.of(role), department);
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    static Reply send(ServiceProcess service, String method, String path, String token, Object body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(service.baseUrl() + path))
                .timeout(Duration.ofSeconds(20))
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/json");
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode json;
        try {
            json = response.body().isBlank() ? JSON.nullNode() : JSON.readTree(response.body());
        } catch (IOException notJson) {
            json = JSON.nullNode();
        }
        return new Reply(response.statusCode(), json, response.body());
    }

    static JsonNode expect(int status, Reply reply) {
        assertEquals(status, reply.status, reply.body);
        return reply.json;
    }

    /** Repeats {@code call} until {@code done} holds (answers and connection errors alike are retried). */
    static JsonNode poll(String what, Call call, Predicate<Reply> done) throws InterruptedException {
        long deadline = System.nanoTime() + STEP.toNanos();
        String last = "nothing yet";
        while (System.nanoTime() < deadline) {
            try {
                Reply reply = call.call();
                if (done.test(reply)) {
                    return reply.json;
                }
                last = reply.status + " " + reply.body;
            } catch (Exception e) {
                last = e.toString();
            }
            Thread.sleep(250);
        }
        throw new AssertionError("Waited " + STEP + " for " + what + "; last answer: " + last);
    }

    /** The body of POST governance /approved-tools: valid from today (UTC), without an end. */
    static Map<String, Object> toolApproval(String tool, String vendor, List<String> allowedDataClasses, String note) {
        Map<String, Object> body = new HashMap<>();
        body.put("tool", tool);
        body.put("vendor", vendor);
        body.put("allowedDataClasses", allowedDataClasses);
        body.put("validFrom", LocalDate.now(ZoneOffset.UTC).toString());
        body.put("validUntil", null);
        body.put("note", note);
        return body;
    }

    /** The revisit case of {@code ideaId} on a page of the revisit list, or null. */
    static JsonNode caseOf(JsonNode list, String ideaId) {
        for (JsonNode item : list.path("items")) {
            if (ideaId.equals(item.path("ideaId").asText())) {
                return item;
            }
        }
        return null;
    }

    /** The first entry of an event history of this CloudEvents type, or null. */
    static JsonNode ofType(JsonNode history, String type) {
        for (JsonNode entry : history) {
            if (type.equals(entry.path("type").asText())) {
                return entry;
            }
        }
        return null;
    }

    /** The CloudEvents types of an event history, in order. */
    static List<String> types(JsonNode history) {
        List<String> types = new ArrayList<>();
        history.forEach(e -> types.add(e.path("type").asText()));
        return types;
    }
}
