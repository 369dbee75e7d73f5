package ai.adoption.benchmark;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;

/**
 * Load generator for {@code POST /ideas} of experiments-service.
 *
 * <ul>
 *   <li>{@code closed}: N clients, each sends its next request as soon as the previous one is
 *       answered; warm-up (not measured), then the measurement window. Throughput = 201 responses
 *       completed inside the window / window length.</li>
 *   <li>{@code open}: requests are scheduled at a fixed rate R, independent of the responses; the
 *       latency of each request is measured from its <em>intended</em> send time, so a stalled
 *       server is not hidden by a stalled sender (no coordinated omission).</li>
 * </ul>
 * In both modes a Kafka consumer with its own group measures commit-to-Kafka lag of the events
 * recorded inside the window, as two bounds: from the event's insert ({@code ce_recordedtime}, before
 * the commit: upper bound) and from the 201 response of the same idea (after the commit: lower
 * bound). Prints a human-readable report and one {@code BENCH_RESULT {json}} line.
 *
 * <p>This class runs the steps; the command line is {@link Options}, the requests {@link Payloads}, the two loops
 * {@link LoadLoops}, the lag {@link LagConsumer}, the output {@link Report}.
 */
public final class LoadGenerator {

    private final Options o;
    private final HttpClient http;
    private final Payloads payloads;
    /** Idea id -> when its 201 response was in (wall clock), for the lower bound of the lag. */
    private final ResponseTimes responses;

    private LoadGenerator(Options o) {
        this.o = o;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        this.payloads = new Payloads(o);
        this.responses = o.kafka ? new ResponseTimes() : null;
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        System.setProperty("org.slf4j.simpleLogger.showDateTime", "true");
        Options o;
        try {
            o = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("load-generator: " + e.getMessage());
            System.err.println(Options.USAGE);
            System.exit(2);
            return;
        }
        if (o == null) {
            System.out.println(Options.USAGE);
            return;
        }
        System.exit(new LoadGenerator(o).execute());
    }

    /** One benchmark run: probe, lag consumer, load, report; the exit code. */
    int execute() throws Exception {
        // 1. one request first: a wrong token or URL should not cost 40 seconds of errors
        HttpResponse<String> probe;
        try {
            probe = http.send(payloads.next(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            System.err.println("load-generator: POST " + o.ideasUri() + " failed: " + e);
            return 3;
        }
        if (probe.statusCode() != LoadLoops.CREATED) {
            System.err.println("load-generator: probe POST " + o.ideasUri() + " answered " + probe.statusCode()
                    + " (expected 201): " + probe.body());
            return 3;
        }

        // 2. the lag consumer, positioned at the end of the topic before any load
        LagConsumer lag = null;
        String kafkaError = null;
        if (o.kafka) {
            lag = new LagConsumer(o.bootstrap, o.topic, responses);
            if (!lag.start(Duration.ofSeconds(30)) || lag.failure() != null) {
                kafkaError = lag.failure() != null ? String.valueOf(lag.failure())
                        : "no partition of " + o.topic + " assigned within 30 s";
                System.err.println("load-generator: Kafka consumer not ready: " + kafkaError);
            }
        }

        // 3. the timeline: warm-up, then the measured window
        long start = System.nanoTime() + 50_000_000L;
        long warmEnd = start + o.warmup.toNanos();
        long measEnd = warmEnd + o.duration.toNanos();
        long windowFrom = Clock.wallMicrosOfNanoTime(warmEnd);
        long windowTo = Clock.wallMicrosOfNanoTime(measEnd);
        if (lag != null) {
            lag.window(windowFrom, windowTo);
        }
        System.out.printf(Locale.ROOT, "== %s: %s, warm-up %d s, measured %d s, window %s .. %s%n", o.mode,
                o.mode.equals("closed") ? o.clients + " concurrent clients" : "rate " + o.rate + " req/s",
                o.warmup.toSeconds(), o.duration.toSeconds(), Clock.iso(windowFrom), Clock.iso(windowTo));
        System.out.flush();

        LoadLoops loops = new LoadLoops(o, http, payloads, responses);
        LoadLoops.Result result = o.mode.equals("closed")
                ? loops.closedLoop(start, warmEnd, measEnd)
                : loops.openLoop(start, warmEnd, measEnd);

        if (lag != null && kafkaError == null) {
            lag.drainAndStop(Duration.ofSeconds(3), Duration.ofSeconds(20));
            if (lag.failure() != null) {
                kafkaError = String.valueOf(lag.failure());
            }
        }
        new Report(o).print(result, lag, kafkaError, windowFrom, windowTo);
        return 0;
    }
}
