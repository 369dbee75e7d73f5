package ai.adoption.governance.application;

import ai.adoption.eventsourcing.command.CommitSignal;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Stamps the knowledge time of committed events (README, "As known at"; V102). One writer per
 * database at a time: each round is one short transaction that first takes a transaction-level
 * advisory lock (another instance's round simply skips), then stamps, in (transaction_id,
 * global_position) order, the events of transactions older than the oldest one still running (the
 * same gate as the outbox relay: nothing can commit behind the cursor), with {@code known_at} =
 * the database clock at stamping, strictly increasing, and moves the watermark
 * {@code gov_knowledge_cursor.known_through} to the clock. Every event stamped later gets a later
 * {@code known_at}, so an answer "as known at K" with K at or before the watermark is final.
 * Runs on its own thread and JDBC connection every {@code governance.knowledge.poll-interval}, and
 * at once after a commit of this instance.
 */
@ApplicationScoped
public class KnowledgeStamper {

    private static final Logger LOG = Logger.getLogger(KnowledgeStamper.class);

    static final String ROUND = """
            with cur as (select last_transaction_id, last_position, known_through from gov_knowledge_cursor where id = 1),
            pending as (select e.transaction_id, e.global_position, e.event_id from es_event e, cur c
                     where (e.transaction_id, e.global_position) > (c.last_transaction_id, c.last_position)
                       and e.transaction_id < pg_snapshot_xmin(pg_current_snapshot())
                     order by e.transaction_id, e.global_position limit ?),
            batch as (select p.*, row_number() over (order by p.transaction_id, p.global_position) as n from pending p),
            base as materialized (select greatest(clock_timestamp(), c.known_through + interval '1 microsecond') as t from cur c),
            stamped as (insert into gov_knowledge (global_position, event_id, known_at)
                        select b.global_position, b.event_id, base.t + (b.n - 1) * interval '1 microsecond' from batch b, base
                        returning known_at),
            tail as (select transaction_id, global_position from batch order by n desc limit 1)
            update gov_knowledge_cursor k
               set last_transaction_id = coalesce((select transaction_id from tail), k.last_transaction_id),
                   last_position = coalesce((select global_position from tail), k.last_position),
                   known_through = greatest((select t from base), (select max(known_at) from stamped))
             where k.id = 1
            returning (select count(*) from stamped)""";

    private final CommitSignal commitSignal;
    private final String jdbcUrl;
    private final Optional<String> username;
    private final Optional<String> password;
    private final Duration pollInterval;
    private final int batchSize;
    private final long lockKey;
    private final boolean enabled;
    private final Semaphore wake = new Semaphore(0);
    private volatile boolean running;
    private Thread thread;
    private Connection connection;

    @Inject
    public KnowledgeStamper(CommitSignal commitSignal,
                            @ConfigProperty(name = "quarkus.datasource.jdbc.url") String jdbcUrl,
                            @ConfigProperty(name = "quarkus.datasource.username") Optional<String> username,
                            @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password,
                            @ConfigProperty(name = "governance.knowledge.poll-interval", defaultValue = "PT0.05S") Duration pollInterval,
                            @ConfigProperty(name = "governance.knowledge.batch-size", defaultValue = "1000") int batchSize,
                            @ConfigProperty(name = "governance.knowledge.lock-key", defaultValue = "4242103") long lockKey,
                            @ConfigProperty(name = "governance.knowledge.enabled", defaultValue = "true") boolean enabled) {
        this.commitSignal = commitSignal;
        this.jdbcUrl = jdbcUrl;
        this.username = username;
        this.password = password;
        this.pollInterval = pollInterval;
        this.batchSize = batchSize;
        this.lockKey = lockKey;
        this.enabled = enabled;
    }

    void start(@Observes StartupEvent event) {
        if (!enabled) {
            return;
        }
        running = true;
        commitSignal.onCommit(this::wake);
        thread = new Thread(this::loop, "knowledge-stamper");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        wake.release();
        if (thread != null) {
            try {
                thread.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        close();
    }

    /** Stamp now rather than at the next poll (after a commit). */
    public void wake() {
        wake.release();
    }

    private void loop() {
        while (running) {
            try {
                if (connection == null) {
                    connection = open();
                }
                while (running && round() == batchSize) {
                    // a full batch: more is waiting
                }
            } catch (SQLException | RuntimeException e) {
                LOG.warnf("Knowledge stamper round failed, retrying: %s", e.getMessage());
                close();
            }
            try {
                if (wake.tryAcquire(pollInterval.toMillis(), TimeUnit.MILLISECONDS)) {
                    wake.drainPermits();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** One transaction: the number of events stamped (0 as well when another instance holds the lock). */
    private long round() throws SQLException {
        try {
            try (PreparedStatement lock = connection.prepareStatement("select pg_try_advisory_xact_lock(?)")) {
                lock.setLong(1, lockKey);
                try (ResultSet rs = lock.executeQuery()) {
                    rs.next();
                    if (!rs.getBoolean(1)) {
                        connection.rollback();
                        return 0;
                    }
                }
            }
            long stamped;
            try (PreparedStatement ps = connection.prepareStatement(ROUND)) {
                ps.setInt(1, batchSize);
                try (ResultSet rs = ps.executeQuery()) {
                    stamped = rs.next() ? rs.getLong(1) : 0;
                }
            }
            connection.commit();
            return stamped;
        } catch (SQLException e) {
            try {
                connection.rollback();
            } catch (SQLException ignored) {
                // the connection is closed by the caller
            }
            throw e;
        }
    }

    private Connection open() throws SQLException {
        Properties properties = new Properties();
        username.ifPresent(u -> properties.setProperty("user", u));
        password.ifPresent(p -> properties.setProperty("password", p));
        properties.setProperty("socketTimeout", "30");
        properties.setProperty("tcpKeepAlive", "true");
        properties.setProperty("ApplicationName", "governance-knowledge-stamper");
        Connection opened = DriverManager.getConnection(jdbcUrl, properties);
        opened.setAutoCommit(false);
        try (Statement st = opened.createStatement()) {
            st.execute("set idle_in_transaction_session_timeout = '30s'");
        }
        opened.commit();
        return opened;
    }

    private void close() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // already broken
            }
            connection = null;
        }
    }
}
