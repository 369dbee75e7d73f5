package ai.adoption.revisit.domain;

import ai.adoption.eventsourcing.core.Actor;

/** What can be asked of a department's revisit policy. */
public sealed interface PolicyCommand {

    Actor actor();

    record SetDepartmentInterval(Actor actor, String department, String interval, String reason) implements PolicyCommand {
    }

    record ClearDepartmentInterval(Actor actor, String department, String reason) implements PolicyCommand {
    }
}
