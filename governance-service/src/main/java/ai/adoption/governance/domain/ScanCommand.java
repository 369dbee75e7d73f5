package ai.adoption.governance.domain;

import ai.adoption.eventsourcing.core.Actor;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** What can be asked of an AI-scan. */
public sealed interface ScanCommand {

    /** Opens a scan of a department for a period (for example a quarter): its approver or an admin. */
    record OpenScan(Actor actor, UUID scanId, String department, String label, LocalDate periodFrom, LocalDate periodTo) implements ScanCommand {
    }

    /**
     * The caller's own answer, one level per dimension, while the scan is open; a member of the department only. One answer per
     * person: answering again revises it (the latest counts), the same levels again record nothing.
     */
    record Answer(Actor actor, UUID scanId, List<ScanLevel> levels) implements ScanCommand {
    }

    /** Closes the scan on a date: no more answers. Its approver or an admin. */
    record CloseScan(Actor actor, UUID scanId, LocalDate closedOn) implements ScanCommand {
    }
}
