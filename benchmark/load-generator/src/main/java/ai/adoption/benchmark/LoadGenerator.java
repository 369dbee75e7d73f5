package ai.adoption.benchmark;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

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
 */
public final class LoadGenerator {

    static final int CREATED = 201;

    private LoadGenerator() {
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
        System.exit(new LoadGenerator.Run(o).execute());
    }

    /** One benchmark run. */
    static final class Run {
        private final Options o;
        private final HttpClient http;
        private final Payloads payloads;
        /** Idea id -> when its 201 response was in (wall clock), for the lower bound of the lag. */
        private final ResponseTimes responses;

        Run(Options o) {
            this.o = o;
            this.http = HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5))
                    .build();
            this.payloads = new Payloads(o);
            this.responses = o.kafka ? new ResponseTimes() : null;
        }

        int execute() throws Exception {
            // 1. one request first: a wrong token or URL should not cost 40 seconds of errors
            HttpResponse<String> probe;
            try {
                probe = http.send(payloads.next(), HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                System.err.println("load-generator: POST " + o.ideasUri() + " failed: " + e);
                return 3;
            }
            if (probe.statusCode() != CREATED) {
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

            Result result = o.mode.equals("closed")
                    ? closedLoop(start, warmEnd, measEnd)
                    : openLoop(start, warmEnd, measEnd);

            if (lag != null && kafkaError == null) {
                lag.drainAndStop(Duration.ofSeconds(3), Duration.ofSeconds(20));
                if (lag.failure() != null) {
                    kafkaError = String.valueOf(lag.failure());
                }
            }
            report(result, lag, kafkaError, windowFrom, windowTo);
            return 0;
        }

        /** N threads, each: send, wait for the answer, send the next. */
        private Result closedLoop(long start, long warmEnd, long measEnd) throws InterruptedException {
            List<Thread> threads = new ArrayList<>();
            List<Samples> latencies = new ArrayList<>();
            List<Outcomes> failures = new ArrayList<>();
            AtomicLong sent = new AtomicLong();
            for (int i = 0; i < o.clients; i++) {
                Samples lat = new Samples();
                Outcomes fail = new Outcomes();
                latencies.add(lat);
                failures.add(fail);
                Thread t = new Thread(() -> {
                    LockSupport.parkNanos(start - System.nanoTime());
                    while (true) {
                        long t0 = System.nanoTime();
                        if (t0 >= measEnd) {
                            return;
                        }
                        HttpRequest request = payloads.next();
                        int status;
                        String detail;
                        try {
                            HttpResponse<String> r = http.send(request, Run::body);
                            created(r, Clock.wallMicros());
                            status = r.statusCode();
                            detail = r.body();
                        } catch (IOException e) {
                            status = -1;
                            detail = e.toString();
                        } catch (InterruptedException e) {
                            return;
                        }
                        long t1 = System.nanoTime();
                        if (t0 >= warmEnd) {
                            sent.incrementAndGet();
                        }
                        if (t1 >= warmEnd && t1 < measEnd) {
                            if (status == CREATED) {
                                lat.add((t1 - t0) / 1000, Clock.wallMicrosOfNanoTime(t1));
                            } else {
                                fail.record(kind(status, detail), detail);
                            }
                        }
                    }
                }, "client-" + i);
                t.setDaemon(true);
                threads.add(t);
                t.start();
            }
            long joinDeadline = measEnd + o.timeout.toNanos() + TimeUnit.SECONDS.toNanos(5);
            for (Thread t : threads) {
                long left = joinDeadline - System.nanoTime();
                if (left > 0) {
                    t.join(Math.max(1, left / 1_000_000));
                }
            }
            Samples all = new Samples();
            latencies.forEach(all::addAll);
            Outcomes errors = new Outcomes();
            failures.forEach(errors::addAll);
            return new Result(all, errors, sent.get(), 0, new Samples());
        }

        /** One scheduler thread sends at the intended times; responses are handled asynchronously. */
        private Result openLoop(long start, long warmEnd, long measEnd) throws InterruptedException {
            Samples lat = new Samples();
            Outcomes errors = new Outcomes();
            Samples sendDelay = new Samples(); // how late the scheduler was (diagnostic)
            Semaphore inFlight = new Semaphore(o.maxInFlight);
            long sentInWindow = 0;
            long blockedByCap = 0;
            double intervalNanos = 1e9 / o.rate;
            for (long i = 0; ; i++) {
                long intended = start + (long) (i * intervalNanos);
                if (intended >= measEnd) {
                    break;
                }
                long wait;
                while ((wait = intended - System.nanoTime()) > 0) {
                    LockSupport.parkNanos(wait);
                }
                if (!inFlight.tryAcquire()) {
                    blockedByCap++;
                    inFlight.acquire(); // still measured from the intended time
                }
                HttpRequest request = payloads.next();
                boolean measured = intended >= warmEnd;
                if (measured) {
                    sentInWindow++;
                    sendDelay.add((System.nanoTime() - intended) / 1000, Clock.wallMicrosOfNanoTime(intended));
                }
                http.sendAsync(request, Run::body).whenComplete((r, e) -> {
                    long t1 = System.nanoTime();
                    // wall clock read now, like the lag consumer's receive time (not derived from t1)
                    long t1Wall = Clock.wallMicros();
                    try {
                        created(r, t1Wall);
                        if (!measured) {
                            return;
                        }
                        int status = r != null ? r.statusCode() : -1;
                        synchronized (lat) {
                            if (status == CREATED) {
                                lat.add((t1 - intended) / 1000, Clock.wallMicrosOfNanoTime(intended));
                            } else {
                                String detail = r != null ? r.body() : String.valueOf(e);
                                errors.record(kind(status, detail), detail);
                            }
                        }
                    } finally {
                        inFlight.release();
                    }
                });
            }
            if (!inFlight.tryAcquire(o.maxInFlight, o.timeout.toMillis() + 5000, TimeUnit.MILLISECONDS)) {
                System.err.println("load-generator: some requests still unanswered after the timeout");
            }
            synchronized (lat) {
                return new Result(lat, errors, sentInWindow, blockedByCap, sendDelay);
            }
        }

        /**
         * Notes when the 201 response of an idea was in (warm-up included: its record may be
         * recorded inside the window), for the lower bound of the lag.
         */
        private void created(HttpResponse<String> r, long receivedWallMicros) {
            if (responses != null && r != null && r.statusCode() == CREATED) {
                responses.response(ResponseTimes.ideaId(r.body(), r.headers().firstValue("Location").orElse(null)),
                        receivedWallMicros);
            }
        }

        /** Per second of the window: 201s and their latency; events recorded then and their lag. */
        private void writeTimeline(Result r, LagConsumer lag, boolean lagOk, long from, long to) throws IOException {
            Samples.Stats[] http = r.latencies.timeline(from, to);
            Samples.Stats[] lags = lag != null && lagOk ? lag.lags().timeline(from, to) : null;
            Samples.Stats[] fromResponse = lag != null && lagOk && lag.responses() != null
                    ? lag.responses().lags().timeline(from, to) : null;
            // lag_*: from the insert (upper bound); lag_resp_*: from the 201 response (lower bound)
            StringBuilder csv = new StringBuilder("second,ok,latency_p50_ms,latency_p99_ms,latency_max_ms,"
                    + "lag_records,lag_p50_ms,lag_p99_ms,lag_max_ms,"
                    + "lag_resp_records,lag_resp_p50_ms,lag_resp_p99_ms,lag_resp_max_ms\n");
            for (int i = 0; i < http.length; i++) {
                Samples.Stats h = http[i];
                csv.append(i).append(',').append(h.count()).append(',').append(Samples.Stats.ms(h.p50())).append(',')
                        .append(Samples.Stats.ms(h.p99())).append(',').append(Samples.Stats.ms(h.max()));
                if (lags != null) {
                    Samples.Stats l = lags[i];
                    csv.append(',').append(l.count()).append(',').append(Samples.Stats.ms(l.p50())).append(',')
                            .append(Samples.Stats.ms(l.p99())).append(',').append(Samples.Stats.ms(l.max()));
                } else {
                    csv.append(",,,,");
                }
                if (fromResponse != null) {
                    Samples.Stats l = fromResponse[i];
                    csv.append(',').append(l.count()).append(',').append(Samples.Stats.ms(l.p50())).append(',')
                            .append(Samples.Stats.ms(l.p99())).append(',').append(Samples.Stats.ms(l.max()));
                } else {
                    csv.append(",,,,");
                }
                csv.append('\n');
            }
            Files.writeString(o.timeline, csv);
        }

        /** The body as text: of a 201 for the idea id, of anything else for the error report. */
        private static HttpResponse.BodySubscriber<String> body(HttpResponse.ResponseInfo info) {
            return HttpResponse.BodySubscribers.ofString(StandardCharsets.UTF_8);
        }

        private static String kind(int status, String detail) {
            if (status > 0) {
                return "HTTP " + status;
            }
            String d = String.valueOf(detail);
            int colon = d.indexOf(':');
            String cls = colon > 0 ? d.substring(0, colon) : d;
            return cls.substring(cls.lastIndexOf('.') + 1);
        }

        private void report(Result r, LagConsumer lag, String kafkaError, long windowFrom, long windowTo)
                throws IOException {
            double seconds = (windowTo - windowFrom) / 1e6;
            Samples.Stats latency = r.latencies.stats();
            long ok = latency.count();
            long failed = r.errors.total();
            double okPerSec = ok / seconds;
            double allPerSec = (ok + failed) / seconds;

            StringBuilder h = new StringBuilder();
            h.append(String.format(Locale.ROOT, "throughput      : %.1f req/s successful (201) = %d in %.1f s; all responses %.1f/s%n",
                    okPerSec, ok, seconds, allPerSec));
            if (o.mode.equals("open")) {
                h.append(String.format(Locale.ROOT, "offered rate    : %.1f req/s (%d scheduled in the window; %d waited for the in-flight cap of %d)%n",
                        r.sent / seconds, r.sent, r.blockedByCap, o.maxInFlight));
                h.append("sender lateness : ").append(r.sendDelay.stats().human()).append('\n');
            }
            h.append(o.mode.equals("open") ? "latency (201, from intended send time): " : "latency (201)   : ")
                    .append(latency.human()).append('\n');
            h.append("errors          : ").append(failed).append(failed > 0 ? " (" + r.errors.human() + ")" : "").append('\n');

            String lagJson;
            if (lag == null) {
                lagJson = "null";
                h.append("kafka lag       : not measured (--no-kafka)\n");
            } else if (kafkaError != null) {
                lagJson = "{\"error\":" + Json.string(kafkaError) + "}";
                h.append("kafka lag       : FAILED: ").append(kafkaError).append('\n');
            } else {
                Samples.Stats ls = lag.lags().stats();
                ResponseTimes rt = lag.responses();
                Samples.Stats rs = rt.lags().stats();
                // lag: from the insert (ce_recordedtime; upper bound); lagFromResponse: from the
                // 201 response of the same idea (lower bound; may be negative)
                lagJson = "{\"topic\":" + Json.string(o.topic) + ",\"group\":" + Json.string(lag.groupId())
                        + ",\"partitions\":" + lag.partitionCount() + ",\"recordsConsumed\":" + lag.records()
                        + ",\"recordsInWindow\":" + lag.inWindow() + ",\"missingHeader\":" + lag.missingHeader()
                        + ",\"unparsableHeader\":" + lag.unparsable() + ",\"lag\":" + ls.json()
                        + ",\"lagFromResponse\":" + rs.json()
                        + ",\"recordsInWindowWithoutResponse\":" + rt.unmatchedRecords()
                        + ",\"responsesNoted\":" + rt.responses()
                        + ",\"responsesWithoutId\":" + rt.responsesWithoutId() + "}";
                h.append("kafka lag from the insert (ce_recordedtime, upper bound): ").append(ls.human()).append('\n');
                h.append("kafka lag from the 201 response (lower bound)         : ").append(rs.human()).append('\n');
                h.append(String.format(Locale.ROOT, "                  (%d records of the window matched to their 201 response, %d without one; %d 201s noted, %d without an id)%n",
                        rs.count(), rt.unmatchedRecords(), rt.responses(), rt.responsesWithoutId()));
                h.append(String.format(Locale.ROOT, "                  (%d records recorded in the window consumed, %d consumed in all, %d partitions, group %s)%n",
                        lag.inWindow(), lag.records(), lag.partitionCount(), lag.groupId()));
            }
            System.out.print(h);

            String json = "{\"mode\":" + Json.string(o.mode)
                    + ",\"url\":" + Json.string(o.ideasUri().toString())
                    + ",\"clients\":" + (o.mode.equals("closed") ? o.clients : "null")
                    + ",\"targetRate\":" + (o.mode.equals("open") ? Json.number(o.rate) : "null")
                    + ",\"warmupSeconds\":" + o.warmup.toSeconds()
                    + ",\"durationSeconds\":" + o.duration.toSeconds()
                    + ",\"windowStart\":" + Json.string(Clock.iso(windowFrom))
                    + ",\"windowEnd\":" + Json.string(Clock.iso(windowTo))
                    + ",\"windowStartEpochMs\":" + windowFrom / 1000
                    + ",\"windowEndEpochMs\":" + windowTo / 1000
                    + ",\"ok\":" + ok
                    + ",\"errors\":" + failed
                    + ",\"sentInWindow\":" + r.sent
                    + ",\"throughput\":" + Json.number(okPerSec)
                    + ",\"throughputAllResponses\":" + Json.number(allPerSec)
                    + ",\"latency\":" + latency.json()
                    + (o.mode.equals("open") ? ",\"senderLateness\":" + r.sendDelay.stats().json()
                    + ",\"waitedForInFlightCap\":" + r.blockedByCap : "")
                    + ",\"errorsByKind\":" + r.errors.countsJson()
                    + ",\"errorSamples\":" + r.errors.samplesJson()
                    + ",\"kafka\":" + lagJson + "}";
            System.out.println("BENCH_RESULT " + json);
            if (o.jsonOut != null) {
                Files.writeString(o.jsonOut, json + "\n");
            }
            if (o.timeline != null) {
                writeTimeline(r, lag, kafkaError == null, windowFrom, windowTo);
            }
        }
    }

    record Result(Samples latencies, Outcomes errors, long sent, long blockedByCap, Samples sendDelay) {
    }

    /** Unique, valid SubmitIdea bodies. */
    static final class Payloads {
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

    /** Command line. */
    static final class Options {
        static final String USAGE = """
                usage: java -jar load-generator.jar closed|open [options]

                  closed                 N concurrent clients in a closed loop (saturation throughput)
                  open                   fixed request rate (--rate), latency from the intended send time

                  --url URL              service base URL                       (default http://localhost:8081)
                  --token TOKEN          bearer token (role employee); or --token-file FILE, or env BENCH_TOKEN
                  --department NAME      department of the ideas (must match the token)  (default finance)
                  --clients N            closed loop: concurrent clients        (default 64)
                  --rate R               open loop: requests per second         (required for open)
                  --warmup S             seconds of warm-up, not measured       (default 30)
                  --duration S           seconds measured, at least 30          (default 30)
                  --allow-short          allow --duration below 30 (smoke tests only)
                  --timeout S            per-request timeout                    (default 30)
                  --max-in-flight N      open loop: cap of outstanding requests (default 1024)
                  --kafka-bootstrap HP   Kafka bootstrap servers                (default localhost:9092)
                  --topic NAME           topic of the idea events               (default experiments.idea)
                  --no-kafka             do not measure commit-to-Kafka lag
                  --json-out FILE        also write the JSON summary to FILE
                  --timeline FILE        write per-second latency and lag of the window to FILE (CSV)
                """;

        String mode;
        URI base = URI.create("http://localhost:8081");
        String token = System.getenv("BENCH_TOKEN");
        String department = "finance";
        int clients = 64;
        double rate;
        Duration warmup = Duration.ofSeconds(30);
        Duration duration = Duration.ofSeconds(30);
        boolean allowShort;
        Duration timeout = Duration.ofSeconds(30);
        int maxInFlight = 1024;
        String bootstrap = "localhost:9092";
        String topic = "experiments.idea";
        boolean kafka = true;
        Path jsonOut;
        Path timeline;

        URI ideasUri() {
            String b = base.toString();
            return URI.create((b.endsWith("/") ? b : b + "/") + "ideas");
        }

        static Options parse(String[] args) throws IOException {
            Options o = new Options();
            Map<String, String> flags = new HashMap<>();
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                switch (a) {
                    case "help", "-h", "--help" -> {
                        return null;
                    }
                    case "closed", "open" -> o.mode = a;
                    case "--allow-short" -> o.allowShort = true;
                    case "--no-kafka" -> o.kafka = false;
                    default -> {
                        if (!a.startsWith("--") || i + 1 >= args.length) {
                            throw new IllegalArgumentException("unexpected argument " + a);
                        }
                        flags.put(a, args[++i]);
                    }
                }
            }
            for (Map.Entry<String, String> f : flags.entrySet()) {
                String v = f.getValue();
                switch (f.getKey()) {
                    case "--url" -> o.base = URI.create(v);
                    case "--token" -> o.token = v.trim();
                    case "--token-file" -> o.token = Files.readString(Path.of(v)).trim();
                    case "--department" -> o.department = v;
                    case "--clients" -> o.clients = positiveInt(f.getKey(), v);
                    case "--rate" -> o.rate = Double.parseDouble(v);
                    case "--warmup" -> o.warmup = Duration.ofSeconds(Long.parseLong(v));
                    case "--duration" -> o.duration = Duration.ofSeconds(positiveInt(f.getKey(), v));
                    case "--timeout" -> o.timeout = Duration.ofSeconds(positiveInt(f.getKey(), v));
                    case "--max-in-flight" -> o.maxInFlight = positiveInt(f.getKey(), v);
                    case "--kafka-bootstrap" -> o.bootstrap = v;
                    case "--topic" -> o.topic = v;
                    case "--json-out" -> o.jsonOut = Path.of(v);
                    case "--timeline" -> o.timeline = Path.of(v);
                    default -> throw new IllegalArgumentException("unknown option " + f.getKey());
                }
            }
            if (o.mode == null) {
                throw new IllegalArgumentException("say closed or open");
            }
            if (o.token == null || o.token.isBlank()) {
                throw new IllegalArgumentException("no token: --token, --token-file or BENCH_TOKEN");
            }
            if (o.mode.equals("open") && !(o.rate > 0)) {
                throw new IllegalArgumentException("open needs --rate > 0");
            }
            if (o.duration.toSeconds() < 30 && !o.allowShort) {
                throw new IllegalArgumentException("--duration must be at least 30 s (--allow-short for smoke tests)");
            }
            if (o.warmup.isNegative()) {
                throw new IllegalArgumentException("--warmup must not be negative");
            }
            return o;
        }

        private static int positiveInt(String name, String v) {
            int n = Integer.parseInt(v);
            if (n <= 0) {
                throw new IllegalArgumentException(name + " must be positive");
            }
            return n;
        }
    }
}
