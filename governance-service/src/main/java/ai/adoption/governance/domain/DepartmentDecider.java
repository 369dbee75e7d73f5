package ai.adoption.governance.domain;

import ai.adoption.eventsourcing.core.Decider;
import ai.adoption.governance.domain.DepartmentCommand.DefineDepartment;
import ai.adoption.governance.domain.DepartmentEvent.DepartmentChanged;
import ai.adoption.governance.domain.DepartmentEvent.DepartmentEstablished;

import java.util.List;

/**
 * Departments: an admin defines one with its name, accountable director, managers and AI
 * ambassadors, effective from a date; every later definition is a change with its own effective date
 * and reason. Defining it exactly as it already is records nothing.
 */
public final class DepartmentDecider implements Decider<DepartmentCommand, DepartmentEvent, Department> {

    @Override
    public Department initialState() {
        return Department.NONE;
    }

    @Override
    public List<DepartmentEvent> decide(DepartmentCommand command, Department state) {
        DefineDepartment define = (DefineDepartment) command;
        Access.requireAdmin(define.actor(), "define departments");
        String name = Text.required("name", define.name());
        String director = Text.required("director", define.director());
        List<String> managers = people("managers", define.managers());
        List<String> ambassadors = people("ambassadors", define.ambassadors());
        Text.present("effectiveFrom", define.effectiveFrom());
        if (!state.exists()) {
            return List.of(new DepartmentEstablished(define.departmentId(), name, director, managers, ambassadors, define.effectiveFrom()));
        }
        if (name.equals(state.name()) && director.equals(state.director()) && managers.equals(state.managers())
                && ambassadors.equals(state.ambassadors())) {
            return List.of();
        }
        return List.of(new DepartmentChanged(define.departmentId(), name, director, managers, ambassadors,
                Text.required("reason", define.reason()), define.effectiveFrom()));
    }

    @Override
    public Department evolve(Department state, DepartmentEvent event) {
        if (event instanceof DepartmentEstablished e) {
            return state.defined(e.departmentId(), e.name(), e.director(), e.managers(), e.ambassadors(), e.effectiveFrom());
        }
        DepartmentChanged e = (DepartmentChanged) event;
        return state.defined(e.departmentId(), e.name(), e.director(), e.managers(), e.ambassadors(), e.effectiveFrom());
    }

    private static List<String> people(String field, List<String> ids) {
        return ids == null ? List.of() : ids.stream().map(id -> Text.required(field, id)).distinct().sorted().toList();
    }
}
