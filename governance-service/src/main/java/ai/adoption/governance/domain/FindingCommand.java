package ai.adoption.governance.domain;

import java.util.List;
import java.util.UUID;

/** Raised by the consumer of {@code idea.submitted} / {@code idea.revised} when the idea breaks the approved-tools list. */
public sealed interface FindingCommand {

    record RaiseFinding(UUID findingId, UUID ideaId, String department, String tool, DataClass dataClassification, FindingKind kind,
                        List<DataClass> allowedDataClasses, String message) implements FindingCommand {
    }

    /** The cause went away: the tool was approved for the idea's data class, or the idea was revised. */
    record ResolveFinding(UUID findingId, String reason) implements FindingCommand {
    }
}
