package ai.adoption.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * The fault test's HTTP client, as a careful real client behaves: a write whose outcome is unknown (a timeout, a reset
 * or closed connection, a 503) is sent again, the same request with the same {@code Idempotency-Key}, until it is
 * answered; a 503 waits for its {@code Retry-After}. Counts every answer by status, and keeps every 5xx that the
 * contract does not allow (anything but a 503 with {@code Retry-After}) for the report.
 */
final class FaultClient {

    /** How long one write keeps being retried before the client gives up on it (then it is not acknowledged). */
    static final Duration GIVE_UP = Duration.ofSeconds(90);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private final Map<String, AtomicLong> outcomes = new ConcurrentHashMap<>();
    private final List<String> violations = new CopyOnWriteArrayList<>();
    private final AtomicLong retries = new AtomicLong();

    /** An answer: its status, JSON body (a null node when there is none) and raw body. */
    record Reply(int status, JsonNode json, String body) {
        boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    /**
     * Sends a write until it is answered; null when it was not acknowledged within {@link #GIVE_UP}.
     * {@code doneBefore} recognises the answer to a retry whose first attempt had already taken effect (a transition
     * without an Idempotency-Key answers 409 naming the state it already reached): acknowledged too.
     */
    Reply write(ServiceProcess service, String method, String path, String token, Object body, String idempotencyKey,
                Predicate<Reply> doneBefore) throws InterruptedException {
        long deadline = System.nanoTime() + GIVE_UP.toNanos();
        boolean unknown = false;
        String last = "nothing";
        while (System.nanoTime() < deadline) {
            Reply reply;
            HttpResponse<String> response;
            try {
                response = send(service, method, path, token, body, idempotencyKey, Duration.ofSeconds(10));
                reply = reply(response);
            } catch (ConnectException refused) {
                count("refused");
                last = refused.toString();
                retries.incrementAndGet();
                Thread.sleep(250);
                continue;
            } catch (IOException lost) {
                // a timeout or a connection lost mid-request: it may or may not have taken effect
                count("no answer");
                unknown = true;
                last = lost.toString();
                retries.incrementAndGet();
                Thread.sleep(250);
                continue;
            }
            count(Integer.toString(reply.status));
            if (reply.ok()) {
                return reply;
            }
            if (reply.status == 503) {
                String retryAfter = response.headers().firstValue("Retry-After").orElse(null);
                if (retryAfter == null) {
                    violation(method, path, reply, "503 without Retry-After");
                }
                unknown = true;
                retries.incrementAndGet();
                Thread.sleep(retryAfter == null ? 1000 : Math.min(5, Long.parseLong(retryAfter.strip())) * 1000L);
                continue;
            }
            if (reply.status >= 500) {
                violation(method, path, reply, "a " + reply.status);
                unknown = true;
                retries.incrementAndGet();
                Thread.sleep(500);
                continue;
            }
            if (reply.status == 409 && reply.json.path("type").asText().endsWith("concurrent-modification")) {
                // a writer on the same stream kept winning inside the service: nothing was changed, try again
                retries.incrementAndGet();
                Thread.sleep(100);
                continue;
            }
            if (unknown && doneBefore.test(reply)) {
                count("done before (" + reply.status + ")");
                return reply;
            }
            throw new AssertionError(method + " " + service.name() + path + " answered " + reply.status + ": " + reply.body);
        }
        count("given up");
        System.err.println("gave up on " + method + " " + service.name() + path + " after " + GIVE_UP + "; last: " + last);
        return null;
    }

    /** A read: one attempt; a 5xx other than 503 with Retry-After is a violation too. Null when there was no answer. */
    Reply read(ServiceProcess service, String path, String token) throws InterruptedException {
        try {
            HttpResponse<String> response = send(service, "GET", path, token, null, null, Duration.ofSeconds(20));
            Reply reply = reply(response);
            if (reply.status >= 500 && !(reply.status == 503 && response.headers().firstValue("Retry-After").isPresent())) {
                violation("GET", path, reply, "a " + reply.status + " on a read");
            }
            return reply;
        } catch (IOException e) {
            return null;
        }
    }

    Map<String, AtomicLong> outcomes() {
        return outcomes;
    }

    List<String> violations() {
        return violations;
    }

    long retries() {
        return retries.get();
    }

    private HttpResponse<String> send(ServiceProcess service, String method, String path, String token, Object body,
                                      String idempotencyKey, Duration timeout) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(service.baseUrl() + path))
                .timeout(timeout)
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/json");
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Reply reply(HttpResponse<String> response) {
        JsonNode json;
        try {
            json = response.body().isBlank() ? JSON.nullNode() : JSON.readTree(response.body());
        } catch (IOException notJson) {
            json = JSON.nullNode();
        }
        return new Reply(response.statusCode(), json, response.body());
    }

    private void count(String outcome) {
        outcomes.computeIfAbsent(outcome, k -> new AtomicLong()).incrementAndGet();
    }

    private void violation(String method, String path, Reply reply, String what) {
        violations.add(what + ": " + method + " " + path + " -> " + reply.status + " " + reply.body);
    }
}
