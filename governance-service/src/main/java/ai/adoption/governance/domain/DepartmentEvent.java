package ai.adoption.governance.domain;

import java.time.LocalDate;
import java.util.List;

/** What happened to a department; each carries its whole definition and the date it holds from. */
public sealed interface DepartmentEvent {

    String departmentId();

    record DepartmentEstablished(String departmentId, String name, String director, List<String> managers, List<String> ambassadors,
                                 LocalDate effectiveFrom) implements DepartmentEvent {
    }

    record DepartmentChanged(String departmentId, String name, String director, List<String> managers, List<String> ambassadors,
                             String reason, LocalDate effectiveFrom) implements DepartmentEvent {
    }
}
