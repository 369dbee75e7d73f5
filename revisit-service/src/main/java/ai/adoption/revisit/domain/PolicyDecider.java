package ai.adoption.revisit.domain;

import ai.adoption.eventsourcing.core.Decider;
import ai.adoption.eventsourcing.core.IllegalTransition;
import ai.adoption.eventsourcing.core.RuleViolation;
import ai.adoption.revisit.domain.PolicyCommand.ClearDepartmentInterval;
import ai.adoption.revisit.domain.PolicyCommand.SetDepartmentInterval;
import ai.adoption.revisit.domain.PolicyEvent.DepartmentIntervalCleared;
import ai.adoption.revisit.domain.PolicyEvent.DepartmentIntervalSet;

import java.util.List;

/** A department's revisit interval: set by an ambassador of that department or an admin; setting the same value changes nothing. */
public final class PolicyDecider implements Decider<PolicyCommand, PolicyEvent, DepartmentPolicy> {

    @Override
    public DepartmentPolicy initialState() {
        return DepartmentPolicy.NONE;
    }

    @Override
    public List<PolicyEvent> decide(PolicyCommand command, DepartmentPolicy state) {
        if (command instanceof SetDepartmentInterval set) {
            String department = Text.required("department", set.department(), 100);
            Access.requireAmbassadorOf(set.actor(), department, "set the revisit policy of " + department);
            Interval interval = Interval.of("interval", set.interval());
            if (interval == null) {
                throw new RuleViolation("interval", "interval is required");
            }
            if (interval.text().equals(state.interval())) {
                return List.of();
            }
            return List.of(new DepartmentIntervalSet(department, interval.text(), state.interval(), set.actor().subject(),
                    Text.optional("reason", set.reason(), 2000)));
        }
        if (command instanceof ClearDepartmentInterval clear) {
            String department = Text.required("department", clear.department(), 100);
            Access.requireAmbassadorOf(clear.actor(), department, "clear the revisit policy of " + department);
            if (state.interval() == null) {
                throw new IllegalTransition("revisit policy", "NOT_SET", "clear the department interval");
            }
            return List.of(new DepartmentIntervalCleared(department, state.interval(), clear.actor().subject(),
                    Text.optional("reason", clear.reason(), 2000)));
        }
        throw new IllegalArgumentException("Unknown command " + command);
    }

    @Override
    public DepartmentPolicy evolve(DepartmentPolicy state, PolicyEvent event) {
        if (event instanceof DepartmentIntervalSet e) {
            return new DepartmentPolicy(e.department(), true, e.interval());
        }
        if (event instanceof DepartmentIntervalCleared e) {
            return new DepartmentPolicy(e.department(), true, null);
        }
        throw new IllegalArgumentException("Unknown event " + event);
    }
}
