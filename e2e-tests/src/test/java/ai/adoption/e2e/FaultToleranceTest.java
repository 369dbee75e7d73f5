package ai.adoption.e2e;

import ai.adoption.testinfra.KafkaResource;
import ai.adoption.testinfra.PostgresResource;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static ai.adoption.e2e.AcrossServices.PREFIX;
import static ai.adoption.e2e.AcrossServices.RUN;
import static ai.adoption.e2e.Api.encode;
import static ai.adoption.e2e.Api.expect;
import static ai.adoption.e2e.Api.send;
import static ai.adoption.e2e.Api.toolApproval;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Nothing acknowledged is lost when things fail, counted as Jepsen counts (issue 17 §1). While a few clients write
 * steadily ({@link FaultLoad}: submit, reject with a 5 s revisit interval, approve and start an experiment; a retry
 * after an unknown outcome reuses its Idempotency-Key), the faults come one after the other: {@code kill -9} of
 * experiments-, revisit- and governance-service, each started again at once; the Kafka broker killed for 20 s; and
 * PostgreSQL restarted in immediate mode. After each, a canary idea (naming a tool governance has not approved,
 * then rejected) measures the time to recover: until it is answered, and until its effects are in all three services
 * (governance's finding, the finding on the idea, the revisit case). Then, after a bounded wait for quiescence, the
 * counts ({@link FaultCounts}), printed as a table in the build log, must all be 0.
 */
@ExtendWith(AcrossServices.class)
class FaultToleranceTest {

    private static final Duration BROKER_DOWN = Duration.ofSeconds(20);
    private static final Duration RECOVERY = Duration.ofSeconds(90);
    private static final Duration QUIESCENCE = Duration.ofSeconds(90);
    private static final String DEPARTMENT = "operations-" + RUN;
    private static final String TOOL = "Inbox Sorter " + RUN;
    /** Not on the approved-tools list: governance raises a finding on each canary, which experiments-service records. */
    private static final String CANARY_TOOL = "Canary Tool " + RUN;
    private static final String OFFICER = Api.token("olga-" + RUN, "compliance-officer", "compliance");

    record Recovery(String fault, double down, double answered, double recovered) {
    }

    interface Step {
        void run() throws Exception;
    }

    @Test
    @Timeout(value = 8, unit = TimeUnit.MINUTES)
    void noAcknowledgedWriteIsLostNorAppliedTwiceWhenServicesTheBrokerAndTheDatabaseFail() throws Exception {
        long started = System.nanoTime();
        expect(200, send(AcrossServices.governance(), "POST", "/approved-tools", Api.token("ada-" + RUN, "admin", "it"),
                toolApproval(TOOL, "Example Vendor", List.of("PUBLIC", "INTERNAL"), "Approved for the fault test " + RUN)));
        FaultClient client = new FaultClient();
        FaultLoad load = new FaultLoad(client, DEPARTMENT, TOOL);
        List<Recovery> recoveries = new ArrayList<>();
        List<String> notRecovered = new ArrayList<>();

        load.start(3, 500);
        Thread.sleep(5_000);
        for (ServiceProcess service : List.of(AcrossServices.experiments(), AcrossServices.revisit(), AcrossServices.governance())) {
            fault("kill -9 " + service.name(), service::kill, () -> service.startAgain(AcrossServices.READY),
                    load, client, recoveries, notRecovered);
        }
        fault("Kafka broker killed for " + BROKER_DOWN.toSeconds() + " s", () -> {
            KafkaResource.killBroker();
            Thread.sleep(BROKER_DOWN.toMillis());
        }, KafkaResource::startBroker, load, client, recoveries, notRecovered);
        fault("PostgreSQL restarted in immediate mode", () -> { }, () -> PostgresResource.restartImmediately(Duration.ofSeconds(1)),
                load, client, recoveries, notRecovered);
        Thread.sleep(2_000);
        long loadEnded = System.nanoTime();
        load.stop();

        // a bounded wait for quiescence: until nothing acknowledged is missing any more, or QUIESCENCE has passed
        long quiet = System.nanoTime();
        FaultCounts counts;
        try (TopicLog topics = new TopicLog(Stream.of("idea", "experiment", "case", "policy", "ai-system", "department",
                "person", "tool", "finding").map(s -> PREFIX + "." + s).toList())) {
            counts = null;
            do {
                try {
                    counts = FaultCounts.take(load, topics, client, OFFICER);
                    if (counts.missing() == 0) {
                        break;
                    }
                } catch (IllegalStateException notAnswered) {
                    System.out.println("fault test: counting again, " + notAnswered.getMessage());
                }
                Thread.sleep(2_000);
            } while (System.nanoTime() - quiet < QUIESCENCE.toNanos() || counts == null);
            quiet = System.nanoTime() - quiet;
            counts.add("HTTP", "5xx other than 503 with Retry-After", client.violations());
            counts.add("HTTP", "unexpected answers to the load's writes", load.failures().stream().map(Throwable::toString).toList());
            counts.add("faults", "faults not recovered from within " + RECOVERY.toSeconds() + " s", notRecovered);
            counts.add("missing: topics", "records on the run's dead-letter topics", deadLetters());
            print(counts, recoveries, load, client, FaultOrder.redeliveries(topics.all()),
                    seconds(loadEnded - started), seconds(quiet), seconds(System.nanoTime() - started));
        }
        if (counts.total() != 0) {
            printLogTails();
        }
        assertEquals(0, counts.total(), "acknowledged writes lost or applied twice, disorder or 5xx: see the table above");
    }

    /** Injects one fault, restores, and measures the recovery with a canary idea. */
    private static void fault(String name, Step inject, Step restore, FaultLoad load, FaultClient client,
                              List<Recovery> recoveries, List<String> notRecovered) throws Exception {
        System.out.printf("fault test: %s at %tT%n", name, System.currentTimeMillis());
        long t0 = System.nanoTime();
        inject.run();
        restore.run();
        long back = System.nanoTime();
        FaultLoad.Idea canary = load.submit(CANARY_TOOL, "canary-" + recoveries.size(), true);
        if (canary == null) {
            notRecovered.add(name + ": the canary was never answered");
            return;
        }
        long answered = System.nanoTime();
        load.reject(canary);
        String employee = load.employee;
        String ambassador = Api.token("amy-" + RUN, "ambassador", DEPARTMENT);
        long deadline = System.nanoTime() + RECOVERY.toNanos();
        String revisits = "/revisits?department=" + encode(DEPARTMENT) + "&tool=" + encode(CANARY_TOOL) + "&size=100";
        while (true) {
            FaultClient.Reply finding = client.read(AcrossServices.governance(), "/findings?ideaId=" + canary.id(), OFFICER);
            FaultClient.Reply idea = client.read(AcrossServices.experiments(), "/ideas/" + canary.id(), employee);
            FaultClient.Reply cases = client.read(AcrossServices.revisit(), revisits, ambassador);
            boolean done = finding != null && finding.status() == 200 && finding.json().path("findings").size() > 0
                    && idea != null && idea.status() == 200 && idea.json().path("findings").size() > 0
                    && cases != null && cases.status() == 200 && Api.caseOf(cases.json(), canary.id().toString()) != null;
            if (done) {
                break;
            }
            if (System.nanoTime() > deadline) {
                notRecovered.add(name + ": canary " + canary.id() + " not through all services: governance finding "
                        + (finding == null ? "no answer" : finding.status() + " " + finding.json().path("findings").size())
                        + ", idea " + (idea == null ? "no answer" : idea.status() + " findings " + idea.json().path("findings").size())
                        + ", revisit case " + (cases == null ? "no answer" : cases.status() + " " + (Api.caseOf(cases.json(), canary.id().toString()) != null)));
                System.out.println("fault test: " + notRecovered.get(notRecovered.size() - 1));
                return;
            }
            Thread.sleep(250);
        }
        Recovery recovery = new Recovery(name, seconds(back - t0), seconds(answered - back), seconds(System.nanoTime() - back));
        recoveries.add(recovery);
        System.out.printf("fault test: %s: back after %.1f s, canary answered %.1f s later, through all three services %.1f s later; "
                + "%d ideas acknowledged so far%n", name, recovery.down(), recovery.answered(), recovery.recovered(), load.ledger().size());
    }

    private static List<String> deadLetters() throws Exception {
        List<String> found = new ArrayList<>();
        try (var admin = KafkaResource.newAdmin(); var consumer = KafkaResource.newBytesConsumer()) {
            for (String topic : admin.listTopics().names().get(30, TimeUnit.SECONDS)) {
                if (topic.startsWith(PREFIX + ".") && topic.endsWith(".dlt")) {
                    var partitions = consumer.partitionsFor(topic).stream()
                            .map(p -> new org.apache.kafka.common.TopicPartition(topic, p.partition())).toList();
                    long records = consumer.endOffsets(partitions).values().stream().mapToLong(Long::longValue).sum()
                            - consumer.beginningOffsets(partitions).values().stream().mapToLong(Long::longValue).sum();
                    for (long i = 0; i < records; i++) {
                        found.add(topic);
                    }
                }
            }
        }
        return found;
    }

    private static void print(FaultCounts counts, List<Recovery> recoveries, FaultLoad load, FaultClient client,
                              long redeliveries, double loadSeconds, double quietSeconds, double wholeSeconds) {
        long experiments = load.ledger().values().stream().filter(i -> i.experimentId() != null).count();
        long rejected = load.ledger().values().stream().filter(i -> i.last() == FaultLoad.Acked.REJECTED).count();
        long approvedOnly = load.ledger().values().stream().filter(i -> i.last() == FaultLoad.Acked.APPROVED).count();
        StringBuilder out = new StringBuilder();
        out.append("\n==== Fault test ").append(PREFIX).append(": ").append(load.ledger().size()).append(" ideas acknowledged (")
                .append(rejected).append(" rejected, ").append(experiments).append(" with an experiment started, ")
                .append(approvedOnly).append(" approved only), ")
                .append(load.ledger().size() + rejected + 2 * experiments + approvedOnly).append(" acknowledged writes ====\n");
        out.append(String.format("%-42s | %8s | %14s | %22s%n", "fault", "down (s)", "canary ok (s)", "through all 3 (s)"));
        for (Recovery r : recoveries) {
            out.append(String.format("%-42s | %8.1f | %14.1f | %22.1f%n", r.fault(), r.down(), r.answered(), r.recovered()));
        }
        out.append(String.format("%n%-18s | %-90s | %5s%n", "group", "check (must be 0)", "count"));
        for (FaultCounts.Count c : counts.counts().values()) {
            out.append(String.format("%-18s | %-90s | %5d%n", c.group(), c.check(), c.count()));
        }
        out.append("\nHTTP answers to the load and canaries: ").append(new TreeMap<>(Map.copyOf(client.outcomes())))
                .append("; retries ").append(client.retries()).append("; writes given up ").append(load.givenUp().size())
                .append("; redeliveries on the topics (allowed) ").append(redeliveries).append('\n');
        out.append(String.format("wall time: load and faults %.1f s, quiescence %.1f s, whole test %.1f s%n",
                loadSeconds, quietSeconds, wholeSeconds));
        for (FaultCounts.Count c : counts.counts().values()) {
            if (c.count() > 0) {
                out.append("  ").append(c.check()).append(", first ").append(c.examples().size()).append(":\n");
                c.examples().forEach(e -> out.append("    ").append(e).append('\n'));
            }
        }
        System.out.println(out);
    }

    private static void printLogTails() {
        for (ServiceProcess service : List.of(AcrossServices.experiments(), AcrossServices.revisit(), AcrossServices.governance(),
                AcrossServices.dashboard())) {
            System.out.println("==== tail of " + service.logFile() + " ====\n" + tail(service.logFile(), 60));
        }
        System.out.println("==== tail of " + KafkaResource.brokerLogFile() + " ====\n" + tail(KafkaResource.brokerLogFile(), 30));
    }

    private static String tail(Path file, int lines) {
        try {
            List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | RuntimeException e) {
            return "(unreadable: " + e + ")";
        }
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }
}
