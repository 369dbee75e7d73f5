package ai.adoption.governance.domain;

import java.time.LocalDate;
import java.util.UUID;

/**
 * What happened to a person's record. {@code PersonNamed} is the one event field that holds a
 * person's name: every other event refers to people by id only, so erasing a person (their stream
 * and read rows) leaves every other history intact.
 */
public sealed interface PersonEvent {

    String personId();

    record PersonNamed(String personId, String displayName) implements PersonEvent {
    }

    record TrainingRecorded(String personId, UUID trainingId, String course, String provider, LocalDate completedOn,
                            LocalDate validUntil) implements PersonEvent {
    }
}
