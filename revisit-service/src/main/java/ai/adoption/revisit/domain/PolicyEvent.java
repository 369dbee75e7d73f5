package ai.adoption.revisit.domain;

/** What happened to a department's revisit policy. The stream id is the department. */
public sealed interface PolicyEvent {

    String department();

    /** The department's cases that follow its policy now wait {@code interval}; {@code previousInterval} null means the global default applied. */
    record DepartmentIntervalSet(String department, String interval, String previousInterval, String setBy, String reason)
            implements PolicyEvent {
    }

    /** The department has no interval of its own any more: the global default applies. */
    record DepartmentIntervalCleared(String department, String previousInterval, String clearedBy, String reason)
            implements PolicyEvent {
    }
}
