package ai.adoption.governance.domain;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** What happened to a tool's approval. Consumed by revisit-service ({@code tool.approved}). */
public sealed interface ToolEvent {

    UUID toolId();

    /** {@code approvedBy} is the admin who approved it: the one person field, kept because the list names who approved what. */
    record ToolApproved(UUID toolId, String tool, String vendor, List<DataClass> allowedDataClasses, String approvedBy,
                        LocalDate validFrom, LocalDate validUntil, String note) implements ToolEvent {
    }

    record ToolApprovalRevoked(UUID toolId, String tool, LocalDate revokedOn, String reason) implements ToolEvent {
    }
}
