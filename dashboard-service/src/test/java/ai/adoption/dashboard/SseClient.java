package ai.adoption.dashboard;

import io.restassured.RestAssured;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A plain HTTP client of {@code GET /dashboard/stream}: parses the {@code text/event-stream} body line
 * by line on its own thread (as a browser's EventSource would) into events and comments.
 */
public final class SseClient implements AutoCloseable {

    /** One dispatched event ({@code name} "message" when the stream gave none), or a comment ({@code comment} set). */
    public record Event(String name, String id, String data, String comment) {
    }

    private final HttpResponse<InputStream> response;
    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final Thread reader;
    private volatile boolean ended;

    private SseClient(HttpResponse<InputStream> response) {
        this.response = response;
        this.reader = new Thread(this::read, "sse-test-reader");
        this.reader.setDaemon(true);
        this.reader.start();
    }

    /** Opens {@code /dashboard/stream?query} with extra headers; a non-200 answer is returned as is (see {@link #status}). */
    public static SseClient open(String query, Map<String, String> headers) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + RestAssured.port
                    + "/dashboard/stream" + (query.isEmpty() ? "" : "?" + query))).timeout(Duration.ofSeconds(30)).GET();
            headers.forEach(request::header);
            return new SseClient(HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofInputStream()));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static SseClient open(String query) {
        return open(query, Map.of());
    }

    public int status() {
        return response.statusCode();
    }

    public String contentType() {
        return response.headers().firstValue("content-type").orElse("");
    }

    public String body() {
        try {
            return new String(response.body().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The next event or comment within the timeout, or null. */
    public Event next(Duration timeout) throws InterruptedException {
        return events.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The next {@code count} activity events (comments skipped); fails if they do not come within the timeout. */
    public List<Event> activities(int count, Duration timeout) throws InterruptedException {
        List<Event> out = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (out.size() < count) {
            long left = deadline - System.nanoTime();
            Event event = left <= 0 ? null : events.poll(left, TimeUnit.NANOSECONDS);
            if (event == null) {
                throw new AssertionError("Only " + out.size() + " of " + count + " activity events within " + timeout + ": " + out);
            }
            if (event.comment() == null) {
                out.add(event);
            }
        }
        return out;
    }

    /** Whether the server ended the stream (EOF or reset). */
    public boolean ended() {
        return ended;
    }

    private void read() {
        if (response.statusCode() != 200) {
            return;
        }
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String name = null;
            String id = null;
            StringBuilder data = null;
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.isEmpty()) {
                    if (data != null) {
                        events.add(new Event(name == null ? "message" : name, id, data.toString(), null));
                    }
                    name = null;
                    data = null;
                } else if (line.startsWith(":")) {
                    events.add(new Event(null, null, null, line.substring(1).strip()));
                } else {
                    int colon = line.indexOf(':');
                    String field = colon < 0 ? line : line.substring(0, colon);
                    String value = colon < 0 ? "" : line.substring(colon + 1);
                    if (value.startsWith(" ")) {
                        value = value.substring(1);
                    }
                    switch (field) {
                        case "event" -> name = value;
                        case "id" -> id = value;
                        case "data" -> data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
                        default -> { }
                    }
                }
            }
        } catch (IOException e) {
            // closed by us or reset by the server
        } finally {
            ended = true;
        }
    }

    @Override
    public void close() {
        try {
            response.body().close();
        } catch (IOException ignored) {
            // closing
        }
        reader.interrupt();
    }
}
