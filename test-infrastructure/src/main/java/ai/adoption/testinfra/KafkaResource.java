package ai.adoption.testinfra;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * A real Apache Kafka 4.1.1 broker (KRaft, one combined broker+controller node) started by the test JVM itself.
 *
 * <p>The broker runs in a separate child JVM ({@link KafkaBrokerMain}, launched with the test JVM's own class path,
 * which contains {@code kafka_2.13}), so that fault tests can really stop it: {@link #stopBroker()} (graceful,
 * SIGTERM) or {@link #killBroker()} (SIGKILL), then {@link #startBroker()} brings it back at the <em>same</em>
 * bootstrap address with its log directory, hence all topics, records and committed offsets, intact.
 *
 * <p>One broker per JVM, started lazily on first use and shared by all test classes (also across the class loaders
 * of several Quarkus applications: its state lives in {@code ai.adoption.testinfra.kafka.*} system properties);
 * a shutdown hook stops it and deletes its temporary directory {@code /tmp/kafka-test-*} (set
 * {@code -Dkafka-resource.keep-data=true} to keep it). The child also exits by itself when the test JVM dies.
 * Its log is {@link #brokerLogFile()}; a start failure includes the log's tail in the exception.
 *
 * <p>Broker defaults: auto topic creation on, {@code num.partitions=3}, all internal topics with replication
 * factor 1 and min ISR 1, {@code group.initial.rebalance.delay.ms=0}, 5 partitions (instead of 50) for the offsets
 * and transaction state topics to keep first-use latency low, and a 3 s broker session so that a restart after
 * {@link #killBroker()} is not held up by the dead incarnation's registration. A (re)start takes about 3-5 s
 * (JVM start included), after a kill about 3 s more.
 *
 * <p>Use from a {@code @QuarkusTest}: {@code @WithTestResource(KafkaResource.class)}, which provides
 * {@code kafka.bootstrap.servers}. Use from a plain JUnit test: {@link #bootstrapServers()},
 * {@link #createTopic(String)}, {@link #newStringConsumer()}, {@link #newStringProducer()}.
 *
 * <p>Tunable with system properties of the test JVM: {@code kafka-resource.jvm-args} (child JVM options, default
 * {@value #DEFAULT_JVM_ARGS}) and {@code kafka-resource.startup-timeout-seconds} (default 120).
 */
public class KafkaResource implements QuarkusTestResourceLifecycleManager {

    /** Host the broker listens on and advertises. */
    public static final String HOST = "127.0.0.1";
    /** Default options of the broker's JVM. */
    public static final String DEFAULT_JVM_ARGS =
            "-Xms64m -Xmx512m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:-UsePerfData -Djava.awt.headless=true";

    // The broker must be one per JVM even when this class is loaded several times: Quarkus loads test-scope
    // workspace modules in a class loader per application (one per test profile / resource set). So the lock is an
    // interned string literal (the same object in every copy of this class) and the state lives in system
    // properties, whose values only use JDK types.
    private static final String LOCK = "ai.adoption.testinfra.KafkaResource.lock".intern();
    private static final String WORK_DIR = "ai.adoption.testinfra.kafka.work-dir";
    private static final String PORT = "ai.adoption.testinfra.kafka.port";
    private static final String CLUSTER_ID = "ai.adoption.testinfra.kafka.cluster-id";
    private static final String PID = "ai.adoption.testinfra.kafka.pid";

    /**
     * Quarkus entry point: makes sure the broker runs (restarting it if an earlier test stopped it).
     *
     * @return {@code kafka.bootstrap.servers}
     */
    @Override
    public Map<String, String> start() {
        startBroker();
        return Map.of("kafka.bootstrap.servers", bootstrapServers());
    }

    /** Does nothing: the broker is shared by the whole JVM and stopped by a shutdown hook. */
    @Override
    public void stop() {
        // shared per JVM; see class Javadoc
    }

    /**
     * The broker's bootstrap address {@code 127.0.0.1:<port>}; starts the broker on the first call. The address
     * stays the same for the life of the JVM, across {@link #stopBroker()} / {@link #startBroker()}.
     */
    public static String bootstrapServers() {
        synchronized (LOCK) {
            if (System.getProperty(PORT) == null) {
                startBroker();
            }
            return HOST + ":" + brokerPort();
        }
    }

    /** Whether the broker process is currently running. */
    public static boolean isBrokerRunning() {
        synchronized (LOCK) {
            return broker().isPresent();
        }
    }

    /**
     * Starts the broker, or restarts it with the same address and data after {@link #stopBroker()} /
     * {@link #killBroker()}, and waits until it serves requests and every partition has a leader. No-op if it
     * is already running.
     */
    public static void startBroker() {
        synchronized (LOCK) {
            if (broker().isPresent()) {
                return;
            }
            try {
                if (System.getProperty(WORK_DIR) == null) {
                    prepareFirstStart();
                }
                launch();
            } catch (IOException e) {
                throw new UncheckedIOException("Could not start the Kafka broker", e);
            }
        }
    }

    /**
     * Stops the broker gracefully (SIGTERM: controlled shutdown, logs flushed), waiting up to 30 s before
     * killing it. Data is kept; {@link #startBroker()} brings it back.
     */
    public static void stopBroker() {
        stop(false);
    }

    /**
     * Kills the broker abruptly (SIGKILL), as in a process crash. Records already acknowledged are in the OS page
     * cache and survive; {@link #startBroker()} brings the broker back after log recovery.
     */
    public static void killBroker() {
        stop(true);
    }

    /** Path of the broker's log file (its stdout and stderr, appended across restarts), useful when a test fails. */
    public static Path brokerLogFile() {
        bootstrapServers();
        return logFile();
    }

    /** Creates a topic named {@code prefix-<random>} with 3 partitions and waits until it is usable. */
    public static String createTopic(String prefix) {
        return createTopic(prefix, 3);
    }

    /** Creates a topic named {@code prefix-<random>} with the given partitions and waits until it is usable. */
    public static String createTopic(String prefix, int partitions) {
        String name = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        try (Admin admin = newAdmin()) {
            admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1))).all().get(60, TimeUnit.SECONDS);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!allPartitionsHaveLeaders(admin, Set.of(name))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Topic " + name + " has no leader after 60 s");
                }
                Thread.sleep(50);
            }
            return name;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating topic " + name, e);
        } catch (Exception e) {
            throw new IllegalStateException("Could not create topic " + name, e);
        }
    }

    /** A new {@link Admin} client for the broker; the caller closes it. */
    public static Admin newAdmin() {
        Map<String, Object> config = new HashMap<>();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000);
        return Admin.create(config);
    }

    /**
     * Consumer settings: bootstrap servers, a unique {@code group.id}, {@code auto.offset.reset=earliest},
     * {@code isolation.level=read_committed}, String keys. Add a value deserializer (or use one of the factories below).
     */
    public static Map<String, Object> consumerConfig() {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // the outbox relay publishes in Kafka transactions: read what a real consumer reads
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        return config;
    }

    /** A new consumer with String keys and String values, its own group, reading from the earliest offset. */
    public static KafkaConsumer<String, String> newStringConsumer() {
        return newConsumer(new StringDeserializer());
    }

    /** A new consumer with String keys and byte[] values, its own group, reading from the earliest offset. */
    public static KafkaConsumer<String, byte[]> newBytesConsumer() {
        return newConsumer(new ByteArrayDeserializer());
    }

    /** A new consumer with String keys and the given value deserializer (see {@link #consumerConfig()}). */
    public static <V> KafkaConsumer<String, V> newConsumer(Deserializer<V> valueDeserializer) {
        Map<String, Object> config = consumerConfig();
        config.remove(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG);
        return new KafkaConsumer<>(config, new StringDeserializer(), valueDeserializer);
    }

    /** A new producer with String keys and values, {@code acks=all}, idempotence on. */
    public static KafkaProducer<String, String> newStringProducer() {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        return new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
    }

    /**
     * Polls {@code consumer} until at least {@code minRecords} records arrived or {@code timeout} passed, and
     * returns all records received (possibly fewer than asked for: the caller asserts).
     */
    public static <K, V> List<ConsumerRecord<K, V>> pollRecords(Consumer<K, V> consumer, int minRecords,
                                                                 Duration timeout) {
        List<ConsumerRecord<K, V>> records = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (records.size() < minRecords && System.nanoTime() < deadline) {
            consumer.poll(Duration.ofMillis(200)).forEach(records::add);
        }
        return records;
    }

    // ------------------------------------------------------------------ internals

    private static Path workDir() {
        return Paths.get(System.getProperty(WORK_DIR));
    }

    private static Path configFile() {
        return workDir().resolve("server.properties");
    }

    private static Path logFile() {
        return workDir().resolve("broker.log");
    }

    private static int brokerPort() {
        return Integer.parseInt(System.getProperty(PORT));
    }

    private static Optional<ProcessHandle> broker() {
        String pid = System.getProperty(PID);
        return pid == null ? Optional.empty() : ProcessHandle.of(Long.parseLong(pid)).filter(ProcessHandle::isAlive);
    }

    private static void stop(boolean kill) {
        synchronized (LOCK) {
            Optional<ProcessHandle> broker = broker();
            System.clearProperty(PID);
            broker.ifPresent(b -> terminate(b, kill, Duration.ofSeconds(30)));
        }
    }

    private static void prepareFirstStart() throws IOException {
        Path workDir = Files.createTempDirectory("kafka-test-");
        Path dataDir = Files.createDirectories(workDir.resolve("data"));
        int brokerPort = freePort();
        int controllerPort = freePort();
        while (controllerPort == brokerPort) {
            controllerPort = freePort();
        }
        String config = String.join("\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@" + HOST + ":" + controllerPort,
                "listeners=PLAINTEXT://" + HOST + ":" + brokerPort + ",CONTROLLER://" + HOST + ":" + controllerPort,
                "advertised.listeners=PLAINTEXT://" + HOST + ":" + brokerPort,
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "log.dirs=" + dataDir.toAbsolutePath(),
                "auto.create.topics.enable=true",
                "num.partitions=3",
                "default.replication.factor=1",
                "min.insync.replicas=1",
                "offsets.topic.replication.factor=1",
                "offsets.topic.num.partitions=5",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "transaction.state.log.num.partitions=5",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                // after a kill the restarted broker is a new incarnation: the controller rejects its registration
                // until the old session expires, so keep that session short (default 9 s)
                "broker.heartbeat.interval.ms=500",
                "broker.session.timeout.ms=3000",
                "num.network.threads=2",
                "num.io.threads=4",
                "num.recovery.threads.per.data.dir=1",
                "log.cleaner.dedupe.buffer.size=8388608",
                "");
        Files.writeString(workDir.resolve("server.properties"), config, StandardCharsets.UTF_8);
        Files.writeString(workDir.resolve("logging.properties"), String.join("\n",
                "loggers=org.apache.kafka.common.config,kafka.server.KafkaConfig,org.apache.kafka.clients",
                "logger.level=INFO",
                "logger.handlers=CONSOLE",
                "logger.org.apache.kafka.common.config.level=WARN",
                "logger.kafka.server.KafkaConfig.level=WARN",
                "logger.org.apache.kafka.clients.level=WARN",
                "handler.CONSOLE=org.jboss.logmanager.handlers.ConsoleHandler",
                "handler.CONSOLE.properties=autoFlush,target",
                "handler.CONSOLE.autoFlush=true",
                "handler.CONSOLE.target=SYSTEM_OUT",
                "handler.CONSOLE.formatter=PATTERN",
                "formatter.PATTERN=org.jboss.logmanager.formatters.PatternFormatter",
                "formatter.PATTERN.properties=pattern",
                "formatter.PATTERN.pattern=%d{HH:mm:ss,SSS} %-5p [%c] (%t) %s%e%n",
                ""), StandardCharsets.UTF_8);
        System.setProperty(WORK_DIR, workDir.toString());
        System.setProperty(PORT, Integer.toString(brokerPort));
        System.setProperty(CLUSTER_ID, Uuid.randomUuid().toString());
        Runtime.getRuntime().addShutdownHook(new Reaper(workDir));
    }

    private static void launch() throws IOException {
        Path workDir = workDir();
        Path logFile = logFile();
        Path argFile = workDir.resolve("java.args");
        List<String> args = new ArrayList<>();
        args.addAll(List.of(System.getProperty("kafka-resource.jvm-args", DEFAULT_JVM_ARGS).trim().split("\\s+")));
        List<String> classpath = childClasspath();
        if (locationOf("org/jboss/logmanager/LogManager.class") != null
                && locationOf("org/slf4j/impl/JBossSlf4jServiceProvider.class") != null) {
            // jboss-logmanager always comes with quarkus-test-common: route the broker's slf4j logging through it
            // with an explicit configuration, whatever other slf4j providers the test class path holds
            args.add("-Djava.util.logging.manager=org.jboss.logmanager.LogManager");
            args.add("-Dslf4j.provider=org.slf4j.impl.JBossSlf4jServiceProvider");
            args.add("-Dlogging.configuration=" + workDir.resolve("logging.properties").toUri());
        }
        args.add("-cp");
        args.add(String.join(File.pathSeparator, classpath));
        args.add(KafkaBrokerMain.class.getName());
        args.add(configFile().toString());
        args.add(System.getProperty(CLUSTER_ID));
        StringBuilder sb = new StringBuilder();
        for (String a : args) {
            sb.append('"').append(a.replace("\\", "\\\\").replace("\"", "\\\"")).append("\"\n");
        }
        Files.writeString(argFile, sb, StandardCharsets.UTF_8);

        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        long logOffset = Files.exists(logFile) ? Files.size(logFile) : 0;
        // the marker property makes the broker recognisable in `ps` output (its real arguments are in the file)
        Process p = new ProcessBuilder(java, "-Dai.adoption.testinfra.kafka-broker=" + workDir, "@" + argFile)
                .directory(workDir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                .start();
        System.setProperty(PID, Long.toString(p.pid()));
        try {
            awaitReady(p, logOffset);
        } catch (RuntimeException e) {
            System.clearProperty(PID);
            terminate(p.toHandle(), true, Duration.ofSeconds(10));
            throw e;
        }
    }

    private static void awaitReady(Process p, long logOffset) {
        long timeoutSeconds = Long.getLong("kafka-resource.startup-timeout-seconds", 120);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        // first wait for the listener to accept TCP connections, so the admin client does not log a warning for
        // every refused connection while the broker boots
        int brokerPort = brokerPort();
        while (!accepts(brokerPort)) {
            if (!p.isAlive()) {
                throw new IllegalStateException("Kafka broker exited with code " + p.exitValue()
                        + " during startup; log:\n" + logTail(logOffset));
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Kafka broker not listening after " + timeoutSeconds
                        + " s; log:\n" + logTail(logOffset));
            }
            sleep(100);
        }
        Map<String, Object> config = new HashMap<>();
        config.put(AdminClientConfig.CLIENT_ID_CONFIG, "kafka-resource-readiness");
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, HOST + ":" + brokerPort);
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2_000);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3_000);
        config.put(AdminClientConfig.RECONNECT_BACKOFF_MS_CONFIG, 100);
        config.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 500);
        try (Admin admin = Admin.create(config)) {
            while (true) {
                if (!p.isAlive()) {
                    throw new IllegalStateException("Kafka broker exited with code " + p.exitValue()
                            + " during startup; log:\n" + logTail(logOffset));
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Kafka broker not ready after " + timeoutSeconds
                            + " s; log:\n" + logTail(logOffset));
                }
                try {
                    if (!admin.describeCluster().nodes().get(3, TimeUnit.SECONDS).isEmpty()) {
                        Set<String> topics = admin.listTopics(
                                new ListTopicsOptions().listInternal(true))
                                .names().get(3, TimeUnit.SECONDS);
                        if (allPartitionsHaveLeaders(admin, topics)) {
                            return;
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("Interrupted while waiting for the Kafka broker", e);
                } catch (Exception e) {
                    // not ready yet
                }
                sleep(100);
            }
        }
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getByName(HOST), port), 1_000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the Kafka broker", e);
        }
    }

    private static boolean allPartitionsHaveLeaders(Admin admin, Set<String> topics) throws Exception {
        if (topics.isEmpty()) {
            return true;
        }
        Map<String, TopicDescription> descriptions;
        try {
            descriptions = admin.describeTopics(topics).allTopicNames().get(10, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof org.apache.kafka.common.errors.UnknownTopicOrPartitionException) {
                return false; // a just-created topic the broker's metadata does not show yet (seen on a loaded machine): not ready
            }
            throw e;
        }
        for (TopicDescription d : descriptions.values()) {
            for (TopicPartitionInfo partition : d.partitions()) {
                if (partition.leader() == null || partition.leader().isEmpty()) {
                    return false;
                }
            }
        }
        return true;
    }

    private static void terminate(ProcessHandle p, boolean kill, Duration timeout) {
        if (kill) {
            p.destroyForcibly();
        } else {
            p.destroy();
        }
        try {
            p.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            p.destroyForcibly();
            try {
                p.onExit().get(10, TimeUnit.SECONDS);
            } catch (Exception ignored) {
                // nothing more we can do
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
        } catch (ExecutionException e) {
            // onExit never fails
        }
    }

    /**
     * JVM shutdown hook: stops the broker (whichever copy of this class launched it) and deletes its directory.
     * Loaded when registered and written against JDK types only, because by JVM exit the class loader that
     * registered it may already be closed.
     */
    private static final class Reaper extends Thread {
        private final Path workDir;

        Reaper(Path workDir) {
            super("kafka-broker-shutdown");
            this.workDir = workDir;
        }

        @Override
        public void run() {
            String pid = System.getProperty(PID);
            if (pid != null) {
                Optional<ProcessHandle> broker = ProcessHandle.of(Long.parseLong(pid));
                if (broker.isPresent() && broker.get().isAlive()) {
                    broker.get().destroy();
                    try {
                        broker.get().onExit().get(15, TimeUnit.SECONDS);
                    } catch (Exception e) {
                        broker.get().destroyForcibly();
                    }
                }
            }
            if (!Boolean.getBoolean("kafka-resource.keep-data")) {
                delete(workDir.toFile());
            }
        }

        private static void delete(File file) {
            File[] children = file.listFiles();
            if (children != null) {
                for (File child : children) {
                    delete(child);
                }
            }
            file.delete();
        }
    }

    private static String logTail(long fromOffset) {
        Path logFile = logFile();
        try (RandomAccessFile f = new RandomAccessFile(logFile.toFile(), "r")) {
            long start = Math.max(fromOffset, f.length() - 8_000);
            f.seek(start);
            byte[] buf = new byte[(int) (f.length() - start)];
            f.readFully(buf);
            return new String(buf, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(could not read " + logFile + ": " + e + ")";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(false);
            s.bind(new InetSocketAddress(InetAddress.getByName(HOST), 0));
            return s.getLocalPort();
        }
    }

    /**
     * The test JVM's class path, with manifest-only jars (as used by Surefire) expanded, plus the locations of
     * the classes the broker needs in case they were loaded from elsewhere (e.g. an IDE or Quarkus class loader),
     * minus Quarkus jars.
     */
    static List<String> childClasspath() {
        LinkedHashSet<String> entries = new LinkedHashSet<>();
        for (String entry : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
            if (!entry.isBlank()) {
                addWithManifestClassPath(entries, Paths.get(entry).toAbsolutePath());
            }
        }
        for (String resource : List.of("ai/adoption/testinfra/KafkaBrokerMain.class", "kafka/Kafka.class",
                "kafka/tools/StorageTool.class", "org/apache/kafka/clients/admin/Admin.class",
                "org/apache/kafka/server/common/MetadataVersion.class", "scala/Predef.class")) {
            Path location = locationOf(resource);
            if (location != null) {
                entries.add(location.toString());
            }
        }
        // Quarkus jars are useless to the broker and would take over its logging (quarkus-bootstrap-runner
        // registers its own jboss-logmanager configurator)
        entries.removeIf(e -> Paths.get(e).getFileName().toString().matches("quarkus-.*\\.jar"));
        return new ArrayList<>(entries);
    }

    private static void addWithManifestClassPath(Set<String> entries, Path entry) {
        if (!entries.add(entry.toString())) {
            return;
        }
        if (!entry.toString().endsWith(".jar") || !Files.isRegularFile(entry)) {
            return;
        }
        try (JarFile jar = new JarFile(entry.toFile())) {
            Manifest manifest = jar.getManifest();
            String classPath = manifest == null ? null : manifest.getMainAttributes().getValue("Class-Path");
            if (classPath == null) {
                return;
            }
            for (String item : classPath.trim().split("\\s+")) {
                if (item.isEmpty()) {
                    continue;
                }
                try {
                    URI uri = entry.toUri().resolve(item);
                    if ("file".equals(uri.getScheme())) {
                        addWithManifestClassPath(entries, Paths.get(uri));
                    }
                } catch (IllegalArgumentException ignored) {
                    // unusual entry; skip it
                }
            }
        } catch (IOException ignored) {
            // not a readable jar; keep it as is
        }
    }

    private static Path locationOf(String resource) {
        URL url = KafkaResource.class.getClassLoader().getResource(resource);
        if (url == null) {
            return null;
        }
        try {
            String s = url.toString();
            if (s.startsWith("jar:")) {
                String file = s.substring(4, s.indexOf("!/"));
                return Paths.get(new URI(file));
            }
            if (s.startsWith("file:")) {
                Path p = Paths.get(url.toURI());
                for (int i = 0; i < resource.split("/").length; i++) {
                    p = p.getParent();
                }
                return p;
            }
        } catch (URISyntaxException | RuntimeException ignored) {
            // unknown location scheme
        }
        return null;
    }
}
