package ai.adoption.e2e;

import ai.adoption.e2e.OtlpReceiver.ReceivedSpan;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static ai.adoption.e2e.AcrossServices.PREFIX;
import static ai.adoption.e2e.AcrossServices.RUN;
import static ai.adoption.e2e.Api.poll;
import static ai.adoption.e2e.Api.send;
import static ai.adoption.e2e.Api.token;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * One trace across the three processes, decoded from what they export over OTLP/HTTP ({@link OtlpReceiver}):
 * {@code POST /ideas} (experiments-service's SERVER span, continuing the caller's {@code traceparent}, its id
 * answered as {@code X-Trace-Id}) → the relay's publication of {@code idea.submitted} (PRODUCER, parent: the span
 * the event was appended in) → governance-service's consumer (SmallRye's CONSUMER span, child of that PRODUCER
 * span, and the handling span under it) → governance's publication of {@code finding.raised} (PRODUCER, parent:
 * the handling span it was appended in) → experiments-service's consumer of it (CONSUMER, child of that PRODUCER,
 * and its handling span).
 */
@ExtendWith(AcrossServices.class)
class TraceAcrossServicesTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SUBMITTED = "ai.adoption.idea.submitted.v1";
    private static final String RAISED = "ai.adoption.finding.raised.v1";

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void oneTraceRunsFromTheRequestThroughBothRelaysToTheLastConsumer() throws Exception {
        ServiceProcess experiments = AcrossServices.experiments();
        String department = "tracing-" + RUN;
        String employee = token("tara-" + RUN, "employee", department);
        String traceId = hex(16);
        String callerSpan = hex(8);

        HttpResponse<String> created = HTTP.send(HttpRequest.newBuilder(URI.create(experiments.baseUrl() + "/ideas"))
                .timeout(Duration.ofSeconds(20))
                .header("Authorization", "Bearer " + employee)
                .header("Content-Type", "application/json")
                .header("traceparent", "00-" + traceId + "-" + callerSpan + "-01")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of(
                        "title", "Trace me " + RUN, "problem", "Follow one request across three services",
                        "aiTool", "Unlisted Tracer " + RUN, "dataClassification", "INTERNAL",
                        "benefitCategory", "EFFICIENCY"))))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(201, created.statusCode(), created.body());
        assertEquals(Optional.of(traceId), created.headers().firstValue("X-Trace-Id"), "the caller's trace, continued");
        String ideaId = JSON.readTree(created.body()).path("id").asText();

        // the whole loop ran: governance raised the finding and experiments-service recorded it on the idea
        poll("the finding on the idea in experiments-service", () -> send(experiments, "GET", "/ideas/" + ideaId, employee, null),
                r -> r.status() == 200 && r.json().path("findings").size() > 0);

        ReceivedSpan request = awaitSpan(traceId, "experiments-service's POST /ideas", s -> s.service().equals("experiments-service")
                && s.kind() == SpanKind.SPAN_KIND_SERVER && s.name().startsWith("POST /ideas"));
        assertEquals(callerSpan, request.parentSpanId(), request.toString());

        ReceivedSpan submitted = awaitSpan(traceId, "the publication of idea.submitted", s -> s.service().equals("experiments-service")
                && s.kind() == SpanKind.SPAN_KIND_PRODUCER && SUBMITTED.equals(s.attribute("cloudevents.event_type")));
        assertEquals(PREFIX + ".idea", submitted.attribute("messaging.destination.name"), submitted.toString());
        assertAncestor(traceId, request, submitted);

        ReceivedSpan governanceConsumer = awaitSpan(traceId, "governance's consumer of idea.submitted",
                s -> s.service().equals("governance-service") && s.kind() == SpanKind.SPAN_KIND_CONSUMER
                        && s.parentSpanId().equals(submitted.spanId()));
        assertEquals(PREFIX + ".idea", governanceConsumer.attribute("messaging.destination.name"), governanceConsumer.toString());
        ReceivedSpan governanceHandling = awaitSpan(traceId, "governance's handling of idea.submitted",
                s -> s.service().equals("governance-service") && s.name().equals("handle " + SUBMITTED)
                        && s.parentSpanId().equals(governanceConsumer.spanId()));

        ReceivedSpan raised = awaitSpan(traceId, "the publication of finding.raised", s -> s.service().equals("governance-service")
                && s.kind() == SpanKind.SPAN_KIND_PRODUCER && RAISED.equals(s.attribute("cloudevents.event_type")));
        assertEquals(PREFIX + ".finding", raised.attribute("messaging.destination.name"), raised.toString());
        assertEquals(governanceHandling.spanId(), raised.parentSpanId(), "appended in the handling span: " + raised);

        ReceivedSpan experimentsConsumer = awaitSpan(traceId, "experiments-service's consumer of finding.raised",
                s -> s.service().equals("experiments-service") && s.kind() == SpanKind.SPAN_KIND_CONSUMER
                        && s.parentSpanId().equals(raised.spanId()));
        assertEquals(PREFIX + ".finding", experimentsConsumer.attribute("messaging.destination.name"), experimentsConsumer.toString());
        awaitSpan(traceId, "experiments-service's handling of finding.raised", s -> s.service().equals("experiments-service")
                && s.name().equals("handle " + RAISED) && s.parentSpanId().equals(experimentsConsumer.spanId()));
    }

    /** {@code ancestor} is {@code span}'s parent, or its parent's parent ... within the trace. */
    private static void assertAncestor(String traceId, ReceivedSpan ancestor, ReceivedSpan span) throws InterruptedException {
        long deadline = System.nanoTime() + Api.STEP.toNanos();
        while (System.nanoTime() < deadline) {
            List<ReceivedSpan> trace = AcrossServices.traces().trace(traceId);
            String parent = span.parentSpanId();
            for (int depth = 0; depth < 50 && !parent.isEmpty(); depth++) {
                if (parent.equals(ancestor.spanId())) {
                    return;
                }
                String current = parent;
                parent = trace.stream().filter(s -> s.spanId().equals(current)).map(ReceivedSpan::parentSpanId)
                        .findFirst().orElse("");
            }
            Thread.sleep(200);
        }
        throw new AssertionError(ancestor + " is no ancestor of " + span + " in " + describe(traceId));
    }

    private static ReceivedSpan awaitSpan(String traceId, String what, Predicate<ReceivedSpan> wanted) throws InterruptedException {
        long deadline = System.nanoTime() + Api.STEP.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<ReceivedSpan> found = AcrossServices.traces().trace(traceId).stream().filter(wanted).findFirst();
            if (found.isPresent()) {
                return found.get();
            }
            Thread.sleep(200);
        }
        throw new AssertionError("No span for " + what + " in trace " + traceId + ": " + describe(traceId));
    }

    private static String describe(String traceId) {
        StringBuilder text = new StringBuilder();
        for (ReceivedSpan span : AcrossServices.traces().trace(traceId)) {
            text.append("\n  ").append(span);
        }
        return text.toString();
    }

    private static String hex(int bytes) {
        byte[] random = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(random);
        random[0] |= 1;
        return HexFormat.of().formatHex(random);
    }
}
