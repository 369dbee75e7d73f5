package ai.adoption.testinfra;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListTopicsOptions;

import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The broker's child JVM as an operating-system process: how it is launched ({@link KafkaBrokerMain} on the test
 * JVM's class path, its output appended to the log file), how readiness is awaited, how it is stopped. Holds no
 * state: the caller decides when.
 */
final class BrokerProcess {

    /** Default options of the broker's JVM. */
    static final String DEFAULT_JVM_ARGS =
            "-Xms64m -Xmx512m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:-UsePerfData -Djava.awt.headless=true";

    private BrokerProcess() {
    }

    /**
     * Launches the child JVM for the broker whose files are in {@code workDir} ({@code server.properties},
     * {@code logging.properties}); does not wait for it.
     */
    static Process launch(Path workDir, Path logFile, String clusterId) throws IOException {
        Path argFile = workDir.resolve("java.args");
        List<String> args = new ArrayList<>();
        args.addAll(List.of(System.getProperty("kafka-resource.jvm-args", DEFAULT_JVM_ARGS)
                .trim().split("\\s+")));
        List<String> classpath = ChildClasspath.entries();
        if (ChildClasspath.has("org/jboss/logmanager/LogManager.class")
                && ChildClasspath.has("org/slf4j/impl/JBossSlf4jServiceProvider.class")) {
            // jboss-logmanager always comes with quarkus-test-common: route the broker's slf4j logging through it
            // with an explicit configuration, whatever other slf4j providers the test class path holds
            args.add("-Djava.util.logging.manager=org.jboss.logmanager.LogManager");
            args.add("-Dslf4j.provider=org.slf4j.impl.JBossSlf4jServiceProvider");
            args.add("-Dlogging.configuration=" + workDir.resolve("logging.properties").toUri());
        }
        args.add("-cp");
        args.add(String.join(File.pathSeparator, classpath));
        args.add(KafkaBrokerMain.class.getName());
        args.add(workDir.resolve("server.properties").toString());
        args.add(clusterId);
        StringBuilder sb = new StringBuilder();
        for (String a : args) {
            sb.append('"').append(a.replace("\\", "\\\\").replace("\"", "\\\"")).append("\"\n");
        }
        Files.writeString(argFile, sb, StandardCharsets.UTF_8);

        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        // the marker property makes the broker recognisable in `ps` output (its real arguments are in the file)
        return new ProcessBuilder(java, "-Dai.adoption.testinfra.kafka-broker=" + workDir, "@" + argFile)
                .directory(workDir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                .start();
    }

    /**
     * Waits until the broker of process {@code p} listens on {@code host:port}, serves requests and every partition has a
     * leader; on failure or timeout ({@code kafka-resource.startup-timeout-seconds}, default 120) throws with the
     * tail of the log written since {@code logOffset}.
     */
    static void awaitReady(Process p, String host, int port, Path logFile, long logOffset) {
        long timeoutSeconds = Long.getLong("kafka-resource.startup-timeout-seconds", 120);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        // first wait for the listener to accept TCP connections, so the admin client does not log a warning for
        // every refused connection while the broker boots
        while (!accepts(host, port)) {
            checkStarting(p, deadline, "not listening", timeoutSeconds, logFile, logOffset);
            sleep(100);
        }
        Map<String, Object> config = new HashMap<>();
        config.put(AdminClientConfig.CLIENT_ID_CONFIG, "kafka-resource-readiness");
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, host + ":" + port);
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2_000);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3_000);
        config.put(AdminClientConfig.RECONNECT_BACKOFF_MS_CONFIG, 100);
        config.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 500);
        try (Admin admin = Admin.create(config)) {
            while (true) {
                checkStarting(p, deadline, "not ready", timeoutSeconds, logFile, logOffset);
                try {
                    if (!admin.describeCluster().nodes().get(3, TimeUnit.SECONDS).isEmpty()) {
                        Set<String> topics = admin.listTopics(new ListTopicsOptions().listInternal(true))
                                .names().get(3, TimeUnit.SECONDS);
                        if (PartitionLeaders.allHaveLeaders(admin, topics)) {
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

    /** SIGTERM ({@code kill=false}) or SIGKILL, then waits up to {@code timeout}, and kills it if still alive. */
    static void terminate(ProcessHandle p, boolean kill, Duration timeout) {
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

    private static void checkStarting(Process p, long deadline, String what, long timeoutSeconds, Path logFile,
                                      long logOffset) {
        if (!p.isAlive()) {
            throw new IllegalStateException("Kafka broker exited with code " + p.exitValue()
                    + " during startup; log:\n" + logTail(logFile, logOffset));
        }
        if (System.nanoTime() > deadline) {
            throw new IllegalStateException("Kafka broker " + what + " after " + timeoutSeconds
                    + " s; log:\n" + logTail(logFile, logOffset));
        }
    }

    private static boolean accepts(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getByName(host), port), 1_000);
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

    private static String logTail(Path logFile, long fromOffset) {
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
}
