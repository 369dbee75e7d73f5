package ai.adoption.benchmark;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** Command line. */
final class Options {
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
