package ai.adoption.governance.domain;

import java.util.UUID;

/** A policy finding on an idea, folded from its events: raised once, resolved at most once. */
public record Finding(UUID findingId, UUID ideaId, boolean resolved) {

    public static final Finding NONE = new Finding(null, null, false);

    public boolean raised() {
        return findingId != null;
    }
}
