package ai.adoption.revisit.domain;

import java.util.UUID;

/**
 * Where a case comes from, as the consumed event told it: the idea (and experiment), department,
 * title, tool, the rejection reason category or the experiment's outcome, the explanation, and the
 * id and type of the event that caused the case.
 */
public record Origin(CaseSource source, UUID ideaId, UUID experimentId, String department, String title, String tool,
                     String submitter, String rejectionReason, String outcome, String recommendation, String explanation,
                     String decidedBy, UUID sourceEventId, String sourceEventType) {
}
