package ai.adoption.revisit.domain;

import ai.adoption.eventsourcing.core.AccessDenied;
import ai.adoption.eventsourcing.core.Actor;
import ai.adoption.eventsourcing.core.IllegalTransition;
import ai.adoption.eventsourcing.core.RuleViolation;
import ai.adoption.eventsourcing.core.Scenario;
import ai.adoption.revisit.domain.PolicyCommand.ClearDepartmentInterval;
import ai.adoption.revisit.domain.PolicyCommand.SetDepartmentInterval;
import ai.adoption.revisit.domain.PolicyEvent.DepartmentIntervalCleared;
import ai.adoption.revisit.domain.PolicyEvent.DepartmentIntervalSet;

import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class PolicyDeciderTest {

    static final Actor AMBASSADOR = new Actor("anna", Set.of("ambassador"), "finance");
    static final Actor ADMIN = new Actor("root", Set.of("admin"), null);
    static final Actor OTHER = new Actor("hank", Set.of("ambassador"), "hr");

    static Scenario<PolicyCommand, PolicyEvent, DepartmentPolicy> scenario() {
        return Scenario.of(new PolicyDecider());
    }

    @Test
    void ambassadorsOfTheDepartmentOrAdminsSetItsInterval() {
        DepartmentIntervalSet set = new DepartmentIntervalSet("finance", "P1M", null, "anna", "fast");
        scenario().when(new SetDepartmentInterval(AMBASSADOR, "finance", "P1M", "fast")).then(set);
        scenario().given(set).when(new SetDepartmentInterval(ADMIN, "finance", "PT30S", null))
                .then(new DepartmentIntervalSet("finance", "PT30S", "P1M", "root", null));
        scenario().given(set).when(new SetDepartmentInterval(AMBASSADOR, "finance", "P1M", null)).then();
        scenario().when(new SetDepartmentInterval(OTHER, "finance", "P1M", null)).thenFails(AccessDenied.class);
        assertThat(scenario().when(new SetDepartmentInterval(AMBASSADOR, "finance", "P10Y", null))
                .thenFails(RuleViolation.class).field()).isEqualTo("interval");
        scenario().given(set).when(new ClearDepartmentInterval(AMBASSADOR, "finance", "back to default"))
                .then(new DepartmentIntervalCleared("finance", "P1M", "anna", "back to default"));
        assertThat(scenario().when(new ClearDepartmentInterval(AMBASSADOR, "finance", null))
                .thenFails(IllegalTransition.class).currentState()).isEqualTo("NOT_SET");
    }
}
