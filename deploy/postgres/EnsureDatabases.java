import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Idempotently creates the application role and one database per service over JDBC.
 *
 * <p>deploy/run.sh uses it where no {@code psql} is available (the embedded PostgreSQL binaries
 * ship only initdb, pg_ctl and postgres). It does the same as
 * deploy/postgres-init/adoption-databases.psql. Run as a single-file program:
 *
 * <pre>
 *   PGADMIN_PASSWORD=... APP_DB_PASSWORD=... java -cp postgresql.jar EnsureDatabases.java \
 *       ensure jdbc:postgresql://localhost:5432/ postgres adoption experiments revisit
 *   APP_DB_PASSWORD=... java -cp postgresql.jar EnsureDatabases.java \
 *       check jdbc:postgresql://localhost:5432/ adoption experiments
 * </pre>
 *
 * Passwords come from the environment so that they do not show up in {@code ps}.
 */
public class EnsureDatabases {

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            usage();
        }
        String mode = args[0];
        String urlBase = args[1].endsWith("/") ? args[1] : args[1] + "/";
        String appPassword = env("APP_DB_PASSWORD");
        try {
            if ("ensure".equals(mode) && args.length >= 4) {
                String admin = args[2];
                String owner = args[3];
                List<String> databases = List.of(args).subList(4, args.length);
                ensure(urlBase, admin, env("PGADMIN_PASSWORD"), owner, appPassword, databases);
            } else if ("check".equals(mode)) {
                String owner = args[2];
                List<String> databases = List.of(args).subList(3, args.length);
                check(urlBase, owner, appPassword, databases);
            } else {
                usage();
            }
        } catch (SQLException e) {
            System.err.println("EnsureDatabases: " + e.getMessage());
            System.exit(1);
        }
    }

    private static void ensure(String urlBase, String admin, String adminPassword, String owner,
                               String ownerPassword, List<String> databases) throws SQLException {
        try (Connection c = DriverManager.getConnection(urlBase + "postgres", admin, adminPassword);
             Statement st = c.createStatement()) {
            if (exists(c, "SELECT 1 FROM pg_roles WHERE rolname = ?", owner)) {
                st.execute("ALTER ROLE " + ident(owner) + " WITH LOGIN PASSWORD " + literal(ownerPassword));
            } else {
                st.execute("CREATE ROLE " + ident(owner) + " LOGIN PASSWORD " + literal(ownerPassword));
                System.out.println("created role " + owner);
            }
            for (String db : databases) {
                if (exists(c, "SELECT 1 FROM pg_database WHERE datname = ?", db)) {
                    st.execute("ALTER DATABASE " + ident(db) + " OWNER TO " + ident(owner));
                } else {
                    // CREATE DATABASE cannot run in a transaction block: autocommit is on by default
                    st.execute("CREATE DATABASE " + ident(db) + " OWNER " + ident(owner));
                    System.out.println("created database " + db + " owned by " + owner);
                }
            }
        }
    }

    private static void check(String urlBase, String owner, String ownerPassword, List<String> databases)
            throws SQLException {
        List<String> failed = new ArrayList<>();
        for (String db : databases) {
            try (Connection c = DriverManager.getConnection(urlBase + db, owner, ownerPassword)) {
                c.isValid(5);
            } catch (SQLException e) {
                failed.add(db + " (" + e.getMessage() + ")");
            }
        }
        if (!failed.isEmpty()) {
            throw new SQLException("role " + owner + " cannot connect to: " + String.join(", ", failed));
        }
    }

    private static boolean exists(Connection c, String sql, String value) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, value);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static String ident(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    private static String literal(String value) {
        return '\'' + value.replace("'", "''") + '\'';
    }

    private static String env(String name) {
        String value = System.getenv(name);
        if (value == null) {
            System.err.println("EnsureDatabases: environment variable " + name + " is not set");
            System.exit(2);
        }
        return value;
    }

    private static void usage() {
        System.err.println("usage: EnsureDatabases ensure <jdbc-url-base> <admin-user> <owner> <db>...\n"
                + "       EnsureDatabases check  <jdbc-url-base> <owner> <db>...\n"
                + "env:   PGADMIN_PASSWORD (ensure), APP_DB_PASSWORD (both)");
        System.exit(2);
    }
}
