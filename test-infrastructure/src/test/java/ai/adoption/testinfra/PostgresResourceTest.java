package ai.adoption.testinfra;

import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
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
}
