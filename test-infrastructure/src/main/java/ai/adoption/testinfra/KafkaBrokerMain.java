package ai.adoption.testinfra;

/**
 * Entry point of the child JVM that {@link KafkaResource} launches (see {@link BrokerProcess}); not meant to be called by tests.
 *
 * <p>Arguments: {@code <server.properties path> <cluster id>}. It formats the KRaft storage if it is not formatted
 * yet (so a restart keeps the existing data), then runs {@code kafka.Kafka} in this JVM. A watchdog thread polls
 * the parent process (the test JVM): when it is gone (exited or killed), the broker shuts down, so no orphan
 * broker outlives the tests.
 */
public final class KafkaBrokerMain {

    private KafkaBrokerMain() {
    }

    public static void main(String[] args) {
        if (args.length != 2) {
            System.err.println("usage: KafkaBrokerMain <server.properties> <cluster-id>");
            System.exit(2);
        }
        String config = args[0];
        String clusterId = args[1];

        int rc = kafka.tools.StorageTool.execute(
                new String[] {"format", "--config", config, "--cluster-id", clusterId, "--ignore-formatted"},
                System.out);
        if (rc != 0) {
            System.err.println("Kafka storage format failed with exit code " + rc);
            System.exit(rc);
        }

        Thread watchdog = new Thread(KafkaBrokerMain::exitWhenParentGone, "parent-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();

        kafka.Kafka.main(new String[] {config});
    }

    private static void exitWhenParentGone() {
        ProcessHandle parent = ProcessHandle.current().parent().orElse(null);
        while (parent != null && parent.isAlive()) {
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                return;
            }
        }
        System.err.println("Parent test JVM is gone: shutting the broker down");
        Thread killer = new Thread(() -> {
            try {
                Thread.sleep(20_000);
            } catch (InterruptedException ignored) {
                // fall through
            }
            Runtime.getRuntime().halt(3);
        }, "parent-watchdog-halt");
        killer.setDaemon(true);
        killer.start();
        System.exit(0);
    }
}
