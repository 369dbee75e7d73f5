package ai.adoption.eventsourcing.support;

import java.util.logging.ConsoleHandler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Console logging for these plain JUnit tests. The test class path holds Quarkus' log configurator,
 * which buffers every record until a Quarkus application starts; none starts here, so without this
 * the relay's and consumer's own warnings would never be seen.
 */
final class TestLogging {

    private static final Logger ROOT = Logger.getLogger("");
    private static final Logger KAFKA = Logger.getLogger("org.apache.kafka");
    private static final Logger FLYWAY = Logger.getLogger("org.flywaydb");
    private static boolean installed;

    private TestLogging() {
    }

    static synchronized void install() {
        if (installed) {
            return;
        }
        installed = true;
        ConsoleHandler console = new ConsoleHandler();
        console.setLevel(Level.INFO);
        console.setFormatter(new SimpleFormatter() {
            @Override
            public String format(LogRecord r) {
                String text = String.format("%1$tT.%1$tL %2$-7s [%3$s] %4$s%n", r.getMillis(), r.getLevel(),
                        r.getLoggerName(), formatMessage(r));
                return r.getThrown() == null ? text : text + "  " + r.getThrown() + System.lineSeparator();
            }
        });
        ROOT.addHandler(console);
        KAFKA.setLevel(Level.SEVERE);
        FLYWAY.setLevel(Level.WARNING);
    }
}
