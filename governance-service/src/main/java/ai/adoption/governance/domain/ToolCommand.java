package ai.adoption.governance.domain;

import ai.adoption.eventsourcing.core.Actor;

import java.time.LocalDate;
import java.util.Set;
import java.util.UUID;

/** What can be asked of the approved-tools list. */
public sealed interface ToolCommand {

    /** Approves the tool (or re-approves it with new terms) for the given data classes, from when until when. */
    record ApproveTool(Actor actor, UUID toolId, String tool, String vendor, Set<DataClass> allowedDataClasses, LocalDate validFrom,
                       LocalDate validUntil, String note) implements ToolCommand {
    }

    /** Ends the current approval on {@code revokedOn}: from that day the tool is not approved. */
    record RevokeTool(Actor actor, LocalDate revokedOn, String reason) implements ToolCommand {
    }
}
