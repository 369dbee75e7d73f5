package ai.adoption.governance.domain;

import ai.adoption.eventsourcing.core.Actor;

import java.time.LocalDate;
import java.util.List;

/** What can be asked of a department. Its id is the {@code department} claim of its people's tokens. */
public sealed interface DepartmentCommand {

    /** Defines the department as it is from {@code effectiveFrom}: creates it, or records a change. */
    record DefineDepartment(Actor actor, String departmentId, String name, String director, List<String> managers,
                            List<String> ambassadors, String reason, LocalDate effectiveFrom) implements DepartmentCommand {
    }
}
