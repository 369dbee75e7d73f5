package ai.adoption.e2e;

import ai.adoption.testinfra.DevTokens;
import ai.adoption.testinfra.KafkaResource;
import ai.adoption.testinfra.PostgresResource;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The four services, each its packaged jar in its own process, on one embedded PostgreSQL (a fresh database
 * each) and one Kafka KRaft broker, with topic names unique to the run ({@code e2e-<random>.<stream>}).
 * Started once per test JVM by the first class that uses this extension ({@code @ExtendWith(AcrossServices.class)})
 * and stopped when the whole run ends (the JUnit root store closes it), so every e2e class shares one start.
 * A failing test, or a failed start, prints every service's log.
 */
final class AcrossServices implements BeforeAllCallback, TestExecutionExceptionHandler {

    static final Duration READY = Duration.ofSeconds(150);
    static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    static final String PREFIX = "e2e-" + RUN;
    /** Every stream the three services publish: experiments, revisit, governance. */
    static final List<String> STREAMS = List.of("idea", "experiment", "case", "policy",
            "ai-system", "department", "person", "tool", "finding");

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(AcrossServices.class);
    private static volatile Running running;
    private static volatile Throwable startFailure;

    @Override
    public void beforeAll(ExtensionContext context) {
        if (startFailure != null) {
            throw new IllegalStateException("The services failed to start for an earlier test class", startFailure);
        }
        context.getRoot().getStore(NAMESPACE).computeIfAbsent(Running.class, key -> {
            try {
                running = Running.start();
                return running;
            } catch (Throwable t) {
                startFailure = t;
                throw t instanceof RuntimeException r ? r : new IllegalStateException("Could not start the services", t);
            }
        }, Running.class);
    }

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable throwable) throws Throwable {
        printLogs(context.getDisplayName() + " failed: " + throwable);
        throw throwable;
    }

    static ServiceProcess experiments() {
        return started().experiments;
    }

    static ServiceProcess revisit() {
        return started().revisit;
    }

    static ServiceProcess governance() {
        return started().governance;
    }

    /** The spans the three services exported (OTLP/HTTP to a receiver inside the test JVM). */
    static OtlpReceiver traces() {
        return started().traces;
    }

    static ServiceProcess dashboard() {
        return started().dashboard;
    }

    private static Running started() {
        Running r = running;
        if (r == null) {
            throw new IllegalStateException("The services are not started: annotate the class with @ExtendWith(AcrossServices.class)");
        }
        return r;
    }

    private static void printLogs(String why) {
        Running r = running;
        printLogs(why, r == null ? List.of() : r.services);
    }

    private static void printLogs(String why, List<ServiceProcess> services) {
        System.err.println("==== " + why + " ====");
        for (ServiceProcess service : services) {
            System.err.println("==== log of " + service.name() + " (" + service.logFile() + ") ====");
            System.err.println(service.log());
        }
        System.err.println("==== Kafka broker log: " + KafkaResource.brokerLogFile() + " ====");
    }

    /** The started processes; closed (SIGTERM, SIGKILL after 15 s) when the run ends. */
    private static final class Running implements AutoCloseable {

        final List<ServiceProcess> services = new ArrayList<>();
        ServiceProcess experiments;
        ServiceProcess revisit;
        ServiceProcess governance;
        OtlpReceiver traces;
        ServiceProcess dashboard;

        static Running start() throws Exception {
            Path root = Path.of(System.getProperty("e2e.repository-root", "..")).toAbsolutePath().normalize();
            Path logs = root.resolve("e2e-tests/target/e2e-logs");
            Running r = new Running();
            try {
                r.traces = OtlpReceiver.start();
                String kafka = KafkaResource.bootstrapServers();
                try (Admin admin = KafkaResource.newAdmin()) {
                    // created up front: no consumer waits for a topic's first metadata
                    List<NewTopic> topics = new ArrayList<>();
                    for (String stream : STREAMS) {
                        topics.add(new NewTopic(PREFIX + "." + stream, 1, (short) 1));
                    }
                    admin.createTopics(topics).all().get(60, TimeUnit.SECONDS);
                }
                PostgresResource.Database experimentsDb = PostgresResource.newDatabase("e2e_experiments");
                PostgresResource.Database revisitDb = PostgresResource.newDatabase("e2e_revisit");
                PostgresResource.Database governanceDb = PostgresResource.newDatabase("e2e_governance");
                PostgresResource.Database dashboardDb = PostgresResource.newDatabase("e2e_dashboard");
                // as production commits: an acknowledged commit survives FaultToleranceTest's immediate restart
                for (PostgresResource.Database db : List.of(experimentsDb, revisitDb, governanceDb, dashboardDb)) {
                    PostgresResource.synchronousCommit(db);
                }

                // started one after the other without waiting, then awaited: the three start in parallel
                Map<String, String> experimentsProps = common(r.traces);
                consume(experimentsProps, "experiments", "revisit-events", "case");
                consume(experimentsProps, "experiments", "finding-events", "finding");
                consume(experimentsProps, "experiments", "tool-events", "tool");
                r.experiments = r.launch("experiments-service", root, experimentsDb, kafka, experimentsProps, logs);

                Map<String, String> revisitProps = common(r.traces);
                consume(revisitProps, "revisit", "idea-events", "idea");
                consume(revisitProps, "revisit", "experiment-events", "experiment");
                consume(revisitProps, "revisit", "tool-events", "tool");
                revisitProps.put("revisit.scheduler.max-sleep", "10s");
                r.revisit = r.launch("revisit-service", root, revisitDb, kafka, revisitProps, logs);

                Map<String, String> governanceProps = common(r.traces);
                consume(governanceProps, "governance", "idea-events", "idea");
                consume(governanceProps, "governance", "experiment-events", "experiment");
                r.governance = r.launch("governance-service", root, governanceDb, kafka, governanceProps, logs);

                // the dashboard reads every stream, and nothing else
                Map<String, String> dashboardProps = common(r.traces);
                dashboardReadsEveryStream(dashboardProps, PREFIX);
                r.dashboard = r.launch("dashboard-service", root, dashboardDb, kafka, dashboardProps, logs);

                for (ServiceProcess service : r.services) {
                    service.awaitReady(READY);
                }
                return r;
            } catch (Throwable t) {
                printLogs("start failed: " + t, r.services);
                r.close();
                throw t;
            }
        }

        private ServiceProcess launch(String name, Path root, PostgresResource.Database db, String kafka,
                                      Map<String, String> properties, Path logs) {
            ServiceProcess service = ServiceProcess.start(name, root.resolve(name + "/target/quarkus-app/quarkus-run.jar"),
                    env(root, db, kafka), properties, logs);
            services.add(service);
            return service;
        }

        @Override
        public void close() {
            // all at once: each takes 5-9 s to shut down on the 2-core machine
            for (ServiceProcess service : services) {
                service.terminate();
            }
            for (ServiceProcess service : services) {
                service.close();
            }
            if (traces != null) {
                traces.close();
            }
        }
    }

    // --- configuration of the processes, as production is configured ---------------------------------------

    private static Map<String, String> env(Path root, PostgresResource.Database db, String kafka) {
        return Map.of(
                "QUARKUS_DATASOURCE_JDBC_URL", db.jdbcUrl(),
                "QUARKUS_DATASOURCE_REACTIVE_URL", db.reactiveUrl(),
                "QUARKUS_DATASOURCE_USERNAME", db.user(),
                "QUARKUS_DATASOURCE_PASSWORD", db.password(),
                "KAFKA_BOOTSTRAP_SERVERS", kafka,
                "EVENTSOURCING_RELAY_TOPIC_PREFIX", PREFIX,
                "MP_JWT_VERIFY_PUBLICKEY_LOCATION", root.resolve("deploy/dev-keys/dev-public-key.pem").toString(),
                "MP_JWT_VERIFY_ISSUER", DevTokens.ISSUER);
    }

    private static Map<String, String> common(OtlpReceiver traces) {
        Map<String, String> properties = new HashMap<>();
        properties.put("eventsourcing.relay.poll-interval", "500ms");
        // traces exported as to a collector on port 4318, to the receiver in this JVM, in batches every 200 ms
        properties.put("quarkus.otel.exporter.otlp.traces.endpoint", traces.endpoint());
        properties.put("quarkus.otel.exporter.otlp.traces.protocol", "http/protobuf");
        properties.put("quarkus.otel.bsp.schedule.delay", "200ms");
        // a consumer killed with -9 (FaultToleranceTest) keeps its partitions until its session times out: 10 s
        // instead of Kafka's 45 s, so that the restarted service consumes again within the test's budget
        properties.put("kafka.session.timeout.ms", "10000");
        return properties;
    }

    /**
     * A consumed channel on this run's topic {@code <prefix>.<stream>}, in the group {@code <prefix>-<service>},
     * dead-lettering to {@code <prefix>.<service>.<channel>.dlt}: -D options, as channel names contain dashes.
     */
    /** The dashboard's one channel ({@code events}) over every stream of the run whose topics start with the prefix. */
    static void dashboardReadsEveryStream(Map<String, String> properties, String prefix) {
        String incoming = "mp.messaging.incoming.events.";
        properties.put(incoming + "topics", STREAMS.stream().map(stream -> prefix + "." + stream).collect(Collectors.joining(",")));
        properties.put(incoming + "group.id", prefix + "-dashboard");
        properties.put(incoming + "dead-letter-queue.topic", prefix + ".dashboard.events.dlt");
    }

    private static void consume(Map<String, String> properties, String service, String channel, String stream) {
        String incoming = "mp.messaging.incoming." + channel + ".";
        properties.put(incoming + "topic", PREFIX + "." + stream);
        properties.put(incoming + "group.id", PREFIX + "-" + service);
        properties.put(incoming + "dead-letter-queue.topic", PREFIX + "." + service + "." + channel + ".dlt");
    }
}
