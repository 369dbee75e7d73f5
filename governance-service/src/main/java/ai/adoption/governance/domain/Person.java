package ai.adoption.governance.domain;

import java.util.Set;
import java.util.UUID;

/** A person's record as its decider needs it. */
public record Person(String id, String displayName, Set<UUID> trainings) {

    public static final Person NONE = new Person(null, null, Set.of());
}
