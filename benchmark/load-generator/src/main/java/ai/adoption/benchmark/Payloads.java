package ai.adoption.benchmark;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/** Unique, valid SubmitIdea bodies. */
final class Payloads {
    private static final String[] TOOLS = {"ChatGPT", "Microsoft Copilot", "Claude", "Gemini"};
    private static final String[] BENEFITS = {"EFFICIENCY", "WORK_LIFE_BALANCE", "SUPPORT_TOOL", "INNOVATION"};
    private static final String PROBLEM = "Month-end reconciliation of supplier invoices is done by hand: "
            + "we copy figures from PDF attachments into spreadsheets and check them line by line, which "
            + "takes two people most of three days and still lets errors through.";

    private final Options o;
    private final String runId = UUID.randomUUID().toString().substring(0, 8);
    private final AtomicLong sequence = new AtomicLong();
    private final URI uri;

    Payloads(Options o) {
        this.o = o;
        this.uri = o.ideasUri();
    }

    HttpRequest next() {
        long n = sequence.incrementAndGet();
        int k = (int) (n & 3);
        String body = "{\"title\":" + Json.string("Benchmark idea " + runId + "-" + n)
                + ",\"problem\":" + Json.string(PROBLEM + " [" + runId + "-" + n + "]")
                + ",\"aiTool\":" + Json.string(TOOLS[k])
                + ",\"dataClassification\":\"INTERNAL\""
                + ",\"benefitCategory\":" + Json.string(BENEFITS[k])
                + ",\"department\":" + Json.string(o.department) + "}";
        return HttpRequest.newBuilder(uri)
                .timeout(o.timeout)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .header("Authorization", "Bearer " + o.token)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }
}
