package ai.adoption.testinfra;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

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
 * <p>This class is the entry point; the work is done by {@link KafkaBroker} (the broker's state and life cycle),
 * {@link BrokerProcess} (its child JVM), {@link BrokerConfig}, {@link ChildClasspath}, {@link BrokerReaper} and
 * {@link KafkaClients} (topics, consumers, producer).
 *
 * <p>Tunable with system properties of the test JVM: {@code kafka-resource.jvm-args} (child JVM options, default
 * {@value #DEFAULT_JVM_ARGS}) and {@code kafka-resource.startup-timeout-seconds} (default 120).
 */
public class KafkaResource implements QuarkusTestResourceLifecycleManager {

    /** Host the broker listens on and advertises. */
    public static final String HOST = KafkaBroker.HOST;
    /** Default options of the broker's JVM. */
    public static final String DEFAULT_JVM_ARGS = BrokerProcess.DEFAULT_JVM_ARGS;

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
        return KafkaBroker.bootstrapServers();
    }

    /** Whether the broker process is currently running. */
    public static boolean isBrokerRunning() {
        return KafkaBroker.isRunning();
    }

    /**
     * Starts the broker, or restarts it with the same address and data after {@link #stopBroker()} /
     * {@link #killBroker()}, and waits until it serves requests and every partition has a leader. No-op if it
     * is already running.
     */
    public static void startBroker() {
        KafkaBroker.start();
    }

    /**
     * Stops the broker gracefully (SIGTERM: controlled shutdown, logs flushed), waiting up to 30 s before
     * killing it. Data is kept; {@link #startBroker()} brings it back.
     */
    public static void stopBroker() {
        KafkaBroker.stop(false);
    }

    /**
     * Kills the broker abruptly (SIGKILL), as in a process crash. Records already acknowledged are in the OS page
     * cache and survive; {@link #startBroker()} brings the broker back after log recovery.
     */
    public static void killBroker() {
        KafkaBroker.stop(true);
    }

    /** Path of the broker's log file (its stdout and stderr, appended across restarts), useful when a test fails. */
    public static Path brokerLogFile() {
        return KafkaBroker.logFile();
    }

    /** Creates a topic named {@code prefix-<random>} with 3 partitions and waits until it is usable. */
    public static String createTopic(String prefix) {
        return createTopic(prefix, 3);
    }

    /** Creates a topic named {@code prefix-<random>} with the given partitions and waits until it is usable. */
    public static String createTopic(String prefix, int partitions) {
        return KafkaClients.createTopic(prefix, partitions);
    }

    /** A new {@link Admin} client for the broker; the caller closes it. */
    public static Admin newAdmin() {
        return KafkaClients.newAdmin();
    }

    /**
     * Consumer settings: bootstrap servers, a unique {@code group.id}, {@code auto.offset.reset=earliest},
     * {@code isolation.level=read_committed}, String keys. Add a value deserializer (or use one of the factories below).
     */
    public static Map<String, Object> consumerConfig() {
        return KafkaClients.consumerConfig();
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
        return KafkaClients.newConsumer(valueDeserializer);
    }

    /** A new producer with String keys and values, {@code acks=all}, idempotence on. */
    public static KafkaProducer<String, String> newStringProducer() {
        return KafkaClients.newStringProducer();
    }

    /**
     * Polls {@code consumer} until at least {@code minRecords} records arrived or {@code timeout} passed, and
     * returns all records received (possibly fewer than asked for: the caller asserts).
     */
    public static <K, V> List<ConsumerRecord<K, V>> pollRecords(Consumer<K, V> consumer, int minRecords,
                                                                 Duration timeout) {
        return KafkaClients.pollRecords(consumer, minRecords, timeout);
    }
}
