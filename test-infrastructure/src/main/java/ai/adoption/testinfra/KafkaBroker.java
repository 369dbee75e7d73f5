package ai.adoption.testinfra;

import org.apache.kafka.common.Uuid;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Optional;

/**
 * The one broker of the test JVM and its state: where its files are, its address, whether it runs. Started lazily,
 * restarted on the same address with its data kept; the process itself is {@link BrokerProcess}'s job.
 *
 * <p>The broker must be one per JVM even when this class is loaded several times: Quarkus loads test-scope
 * workspace modules in a class loader per application (one per test profile / resource set). So the lock is an
 * interned string literal (the same object in every copy of this class) and the state lives in system
 * properties, whose values only use JDK types.
 */
final class KafkaBroker {

    /** Host the broker listens on and advertises. */
    static final String HOST = "127.0.0.1";
    private static final String LOCK = "ai.adoption.testinfra.KafkaResource.lock".intern();
    private static final String WORK_DIR = "ai.adoption.testinfra.kafka.work-dir";
    private static final String PORT = "ai.adoption.testinfra.kafka.port";
    private static final String CLUSTER_ID = "ai.adoption.testinfra.kafka.cluster-id";
    private static final String PID = "ai.adoption.testinfra.kafka.pid";

    private KafkaBroker() {
    }

    /** {@code 127.0.0.1:<port>}; starts the broker on the first call. The same for the life of the JVM. */
    static String bootstrapServers() {
        synchronized (LOCK) {
            if (System.getProperty(PORT) == null) {
                start();
            }
            return HOST + ":" + port();
        }
    }

    static boolean isRunning() {
        synchronized (LOCK) {
            return process().isPresent();
        }
    }

    /** Starts the broker, or restarts it with the same address and data, and waits until it is ready. */
    static void start() {
        synchronized (LOCK) {
            if (process().isPresent()) {
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

    /** Stops the broker: SIGKILL if {@code kill}, else SIGTERM and up to 30 s for a controlled shutdown. */
    static void stop(boolean kill) {
        synchronized (LOCK) {
            Optional<ProcessHandle> broker = process();
            System.clearProperty(PID);
            broker.ifPresent(b -> BrokerProcess.terminate(b, kill, Duration.ofSeconds(30)));
        }
    }

    /** The broker's log file; starts the broker on the first call. */
    static Path logFile() {
        bootstrapServers();
        return workDir().resolve("broker.log");
    }

    private static Path workDir() {
        return Paths.get(System.getProperty(WORK_DIR));
    }

    private static int port() {
        return Integer.parseInt(System.getProperty(PORT));
    }

    private static Optional<ProcessHandle> process() {
        String pid = System.getProperty(PID);
        return pid == null ? Optional.empty() : ProcessHandle.of(Long.parseLong(pid)).filter(ProcessHandle::isAlive);
    }

    private static void prepareFirstStart() throws IOException {
        Path workDir = Files.createTempDirectory("kafka-test-");
        Path dataDir = Files.createDirectories(workDir.resolve("data"));
        int brokerPort = freePort();
        int controllerPort = freePort();
        while (controllerPort == brokerPort) {
            controllerPort = freePort();
        }
        Files.writeString(workDir.resolve("server.properties"),
                BrokerConfig.serverProperties(HOST, brokerPort, controllerPort, dataDir), StandardCharsets.UTF_8);
        Files.writeString(workDir.resolve("logging.properties"), BrokerConfig.loggingProperties(),
                StandardCharsets.UTF_8);
        System.setProperty(WORK_DIR, workDir.toString());
        System.setProperty(PORT, Integer.toString(brokerPort));
        System.setProperty(CLUSTER_ID, Uuid.randomUuid().toString());
        Runtime.getRuntime().addShutdownHook(new BrokerReaper(workDir, PID));
    }

    private static void launch() throws IOException {
        Path workDir = workDir();
        Path logFile = workDir.resolve("broker.log");
        long logOffset = Files.exists(logFile) ? Files.size(logFile) : 0;
        Process p = BrokerProcess.launch(workDir, logFile, System.getProperty(CLUSTER_ID));
        System.setProperty(PID, Long.toString(p.pid()));
        try {
            BrokerProcess.awaitReady(p, HOST, port(), logFile, logOffset);
        } catch (RuntimeException e) {
            System.clearProperty(PID);
            BrokerProcess.terminate(p.toHandle(), true, Duration.ofSeconds(10));
            throw e;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(false);
            s.bind(new InetSocketAddress(InetAddress.getByName(HOST), 0));
            return s.getLocalPort();
        }
    }
}
