package ai.adoption.testinfra;

import java.io.File;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * JVM shutdown hook of the test broker: stops the broker (whichever copy of the class launched it) and deletes
 * its directory. Loaded when registered and written against JDK types only, because by JVM exit the class loader
 * that registered it may already be closed.
 */
final class BrokerReaper extends Thread {

    private final Path workDir;
    private final String pidProperty;

    /** Will stop the process whose id the system property {@code pidProperty} holds, then delete {@code workDir}. */
    BrokerReaper(Path workDir, String pidProperty) {
        super("kafka-broker-shutdown");
        this.workDir = workDir;
        this.pidProperty = pidProperty;
    }

    @Override
    public void run() {
        String pid = System.getProperty(pidProperty);
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
