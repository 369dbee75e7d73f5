package ai.adoption.governance.domain;

import java.util.List;
import java.util.UUID;

/** A policy finding on an idea; consumed by experiments-service, which shows it on the idea. */
public sealed interface FindingEvent {

    UUID findingId();

    record FindingRaised(UUID findingId, UUID ideaId, String department, String tool, DataClass dataClassification, FindingKind kind,
                         List<DataClass> allowedDataClasses, String message) implements FindingEvent {
    }

    /** The finding's cause went away ({@code reason} says how); experiments-service shows it on the idea. */
    record FindingResolved(UUID findingId, UUID ideaId, String reason) implements FindingEvent {
    }
}
