package ai.adoption.governance.domain;

import ai.adoption.eventsourcing.core.Actor;

import java.util.List;

/** What can be asked of a department's AI-scan targets. */
public sealed interface ScanTargetCommand {

    /** Replaces the department's targets (a dimension left out has none); the same targets again record nothing. */
    record SetTargets(Actor actor, String department, List<ScanLevel> targets, String reason) implements ScanTargetCommand {
    }
}
