package ai.adoption.revisit.application.scheduler;

import ai.adoption.revisit.application.DueSignal;
import ai.adoption.revisit.application.VertxContexts;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Runs this instance's due scheduler (unless {@code revisit.scheduler.enabled=false}), a listener for
 * other instances' {@code NOTIFY revisit_due} on its own JDBC connection, and the gauges of the
 * revisit list. Tests and the benchmark create further schedulers with {@link #newScheduler}.
 */
@ApplicationScoped
public class SchedulerLifecycle {

    private static final Logger LOG = Logger.getLogger(SchedulerLifecycle.class);
    /** The largest claim: one transaction that long still commits in well under a second. */
    public static final int MAX_BATCH_SIZE = 10_000;

    private final Vertx vertx;
    private final DueClaims claims;
    private final DueSignal signal;
    private final Clock clock;
    private final MeterRegistry meters;
    private final boolean enabled;
    private final int batchSize;
    private final Duration maxSleep;
    private final Duration gaugeInterval;
    private final String jdbcUrl;
    private final Optional<String> username;
    private final Optional<String> password;
    private final List<DueScheduler> schedulers = new CopyOnWriteArrayList<>();
    private final AtomicLong open = new AtomicLong();
    private final AtomicLong due = new AtomicLong();
    private volatile boolean stopping;
    private DueScheduler local;
    private Thread listener;
    private long gaugeTimer = -1;

    @Inject
    public SchedulerLifecycle(Vertx vertx, DueClaims claims, DueSignal signal, Clock clock, MeterRegistry meters,
                              @ConfigProperty(name = "revisit.scheduler.enabled", defaultValue = "true") boolean enabled,
                              @ConfigProperty(name = "revisit.scheduler.batch-size", defaultValue = "500") int batchSize,
                              @ConfigProperty(name = "revisit.scheduler.max-sleep", defaultValue = "60s") Duration maxSleep,
                              @ConfigProperty(name = "revisit.gauge-interval", defaultValue = "10s") Duration gaugeInterval,
                              @ConfigProperty(name = "quarkus.datasource.jdbc.url") String jdbcUrl,
                              @ConfigProperty(name = "quarkus.datasource.username") Optional<String> username,
                              @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password) {
        this.vertx = vertx;
        this.claims = claims;
        this.signal = signal;
        this.clock = clock;
        this.meters = meters;
        this.enabled = enabled;
        this.batchSize = checkBatchSize(batchSize);
        this.maxSleep = maxSleep;
        this.gaugeInterval = gaugeInterval;
        this.jdbcUrl = jdbcUrl;
        this.username = username;
        this.password = password;
    }

    /** The scheduler's batch size, refused at start unless 1..{@value #MAX_BATCH_SIZE}. */
    public static int checkBatchSize(int batchSize) {
        if (batchSize < 1 || batchSize > MAX_BATCH_SIZE) {
            throw new IllegalArgumentException("revisit.scheduler.batch-size must be between 1 and " + MAX_BATCH_SIZE
                    + " (revisit.due events per claim transaction), got " + batchSize);
        }
        return batchSize;
    }

    void start(@Observes StartupEvent event) {
        Gauge.builder("revisit.cases.open", open, AtomicLong::get).description("Cases scheduled or due").register(meters);
        Gauge.builder("revisit.cases.due", due, AtomicLong::get).description("Cases due for re-evaluation").register(meters);
        gaugeTimer = vertx.setPeriodic(1, Math.max(1000, gaugeInterval.toMillis()), id -> measure());
        listener = new Thread(this::listen, "revisit-due-listener");
        listener.setDaemon(true);
        listener.start();
        if (enabled) {
            local = newScheduler("local", batchSize);
            local.start();
        }
    }

    /** A scheduler on this database, registered for wake-ups; the caller starts and stops it. */
    public DueScheduler newScheduler(String name, int batch) {
        DueScheduler scheduler = new DueScheduler(name, vertx, claims, clock, batch, maxSleep);
        schedulers.add(scheduler);
        signal.register(scheduler::wake);
        return scheduler;
    }

    /** Forgets a scheduler created by {@link #newScheduler} (after stopping it). */
    public void remove(DueScheduler scheduler) {
        scheduler.stop();
        schedulers.remove(scheduler);
    }

    public Optional<DueScheduler> local() {
        return Optional.ofNullable(local);
    }

    /** Wakes every scheduler of this process: the clock moved, or another instance committed a due time. */
    public void wakeAll() {
        for (DueScheduler scheduler : schedulers) {
            scheduler.wakeNow();
        }
    }

    private void measure() {
        VertxContexts.onFreshContext(vertx, claims::counts).subscribe().with(c -> {
            open.set(c[0]);
            due.set(c[1]);
        }, e -> LOG.debugf("Revisit gauges not measured: %s", e.toString()));
    }

    private void listen() {
        Connection connection = null;
        while (!stopping) {
            try {
                if (connection == null) {
                    Properties properties = new Properties();
                    username.ifPresent(u -> properties.setProperty("user", u));
                    password.ifPresent(p -> properties.setProperty("password", p));
                    properties.setProperty("tcpKeepAlive", "true");
                    connection = DriverManager.getConnection(jdbcUrl, properties);
                    connection.setAutoCommit(true);
                    try (Statement st = connection.createStatement()) {
                        st.execute("listen " + DueSignal.CHANNEL);
                    }
                }
                PGNotification[] notifications = connection.unwrap(PGConnection.class).getNotifications(1000);
                if (notifications != null && notifications.length > 0) {
                    wakeAll();
                }
            } catch (Exception e) {
                if (!stopping) {
                    LOG.debugf("Revisit NOTIFY listener reconnecting: %s", e.getMessage());
                }
                close(connection);
                connection = null;
                sleep(1000);
            }
        }
        close(connection);
    }

    void stop(@Observes ShutdownEvent event) {
        stopping = true;
        if (gaugeTimer >= 0) {
            vertx.cancelTimer(gaugeTimer);
        }
        for (DueScheduler scheduler : schedulers) {
            scheduler.stop();
        }
    }

    private static void close(Connection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (Exception ignored) {
                // closing anyway
            }
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
