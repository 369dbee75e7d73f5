package ai.adoption.governance.domain;

import ai.adoption.eventsourcing.core.Actor;

import java.time.LocalDate;
import java.util.UUID;

/** What can be asked of a person's record: a display name, AI-literacy training (Article 4). */
public sealed interface PersonCommand {

    /**
     * Sets the display name shown next to the person id; the same name again records nothing. The first name may come with
     * any reference to the person; changing it is for that person, a compliance officer or an admin.
     */
    record NamePerson(Actor actor, String personId, String displayName) implements PersonCommand {
    }

    record RecordTraining(Actor actor, String personId, UUID trainingId, String course, String provider, LocalDate completedOn, LocalDate validUntil)
            implements PersonCommand {
    }
}
