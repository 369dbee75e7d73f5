package ai.adoption.testinfra;

import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PostgresResourceTest {

    @Test
    void freshDatabaseAnswersSelectOne() throws Exception {
        PostgresResource.Database db = PostgresResource.newDatabase();
        try (Connection c = db.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("select 1, current_database()")) {
            assertTrue(rs.next());
            assertEquals(1, rs.getInt(1));
            assertEquals(db.name(), rs.getString(2));
        }
    }

    @Test
    void eachStartHandsOutADifferentEmptyDatabase() throws Exception {
        PostgresResource resource = new PostgresResource();
        Map<String, String> first = resource.start();
        Map<String, String> second = resource.start();
        assertEquals(Set.of("quarkus.datasource.jdbc.url", "quarkus.datasource.reactive.url", "quarkus.datasource.username",
                "quarkus.datasource.password"), first.keySet());
        assertNotEquals(first.get("quarkus.datasource.jdbc.url"), second.get("quarkus.datasource.jdbc.url"));
        // the reactive client's URL names the same database as the JDBC URL
        assertEquals("jdbc:" + first.get("quarkus.datasource.reactive.url"), first.get("quarkus.datasource.jdbc.url"));

        try (Connection c = java.sql.DriverManager.getConnection(first.get("quarkus.datasource.jdbc.url"),
                first.get("quarkus.datasource.username"), first.get("quarkus.datasource.password"));
             Statement st = c.createStatement()) {
            st.execute("create table leftover(id int)");
        }
        try (Connection c = java.sql.DriverManager.getConnection(second.get("quarkus.datasource.jdbc.url"),
                second.get("quarkus.datasource.username"), second.get("quarkus.datasource.password"));
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("select 1 from pg_tables where tablename = 'leftover'")) {
            assertFalse(rs.next(), "a fresh database must not see another database's tables");
        }
    }

    @Test
    void serverAllowsManyConnections() throws Exception {
        try (Connection c = PostgresResource.adminDataSource().getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("show max_connections")) {
            assertTrue(rs.next());
            assertTrue(Integer.parseInt(rs.getString(1)) >= 200);
        }
    }

    @Test
    void restartImmediatelyBreaksConnectionsAndKeepsSynchronousCommits() throws Exception {
        PostgresResource.Database db = PostgresResource.newDatabase("restart");
        PostgresResource.synchronousCommit(db);
        int port = PostgresResource.port();
        try (Connection before = db.connect(); Statement st = before.createStatement()) {
            try (ResultSet rs = st.executeQuery("show synchronous_commit")) {
                assertTrue(rs.next());
                assertEquals("on", rs.getString(1));
            }
            st.execute("create table acknowledged(id int primary key)");
            // each autocommit insert returns after its commit's WAL was written: it must survive the crash
            for (int i = 1; i <= 200; i++) {
                st.execute("insert into acknowledged values (" + i + ")");
            }
            try (ResultSet rs = st.executeQuery("select pg_postmaster_start_time()::text")) {
                assertTrue(rs.next());
                String started = rs.getString(1);

                PostgresResource.restartImmediately(Duration.ofMillis(500));

                assertThrows(SQLException.class, () -> st.executeQuery("select 1").close(),
                        "a connection of the old server is gone");
                assertEquals(port, PostgresResource.port(), "the same port");
                try (Connection after = db.connect(); Statement again = after.createStatement();
                     ResultSet count = again.executeQuery("select count(*), (select pg_postmaster_start_time()::text) from acknowledged")) {
                    assertTrue(count.next());
                    assertEquals(200, count.getInt(1), "every committed row survived the immediate restart");
                    assertNotEquals(started, count.getString(2), "a new postmaster");
                }
            }
        }
    }
}
