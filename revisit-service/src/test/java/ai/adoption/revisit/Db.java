package ai.adoption.revisit;

import ai.adoption.testinfra.Jdbc;

import io.agroal.api.AgroalDataSource;

import java.util.List;

/** Plain JDBC reads of the service's database: what the tests count. */
public final class Db {

    private Db() {
    }

    public static long count(AgroalDataSource ds, String sql, Object... parameters) {
        return Jdbc.count(ds, sql, parameters);
    }

    public static List<Object[]> rows(AgroalDataSource ds, String sql, Object... parameters) {
        return Jdbc.rows(ds, sql, parameters);
    }

    /** revisit.due events of one case. */
    public static long dueEvents(AgroalDataSource ds, java.util.UUID caseId) {
        return count(ds, "select count(*) from es_event where stream_type = 'case' and event_type = 'revisit.due' and stream_id = ?",
                caseId.toString());
    }

    /** (case, cycle) pairs of a department with more than one revisit.due: must always be none. */
    public static long duplicateDues(AgroalDataSource ds, String department) {
        return count(ds, "select count(*) from (select stream_id, payload->>'cycle' from es_event where event_type = 'revisit.due' "
                + "and payload->>'department' = ? group by 1, 2 having count(*) > 1) d", department);
    }

    public static long dueEventsOfDepartment(AgroalDataSource ds, String department) {
        return count(ds, "select count(*) from es_event where event_type = 'revisit.due' and payload->>'department' = ?", department);
    }
}
