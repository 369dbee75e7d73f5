package ai.adoption.governance.model;

import ai.adoption.testinfra.SeededProperty;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/**
 * Model-based property (issue 13): random ownership histories, sent through the real API of this
 * {@code @QuarkusTest}'s application (real PostgreSQL and Kafka), agree with {@link OwnershipModel}
 * over a grid of (asOf, knownAt), for ownership, the inventory on a date and the diff between two
 * dates. Each history is drawn from its own seed, printed on failure with the original and the shrunk
 * history; {@code -Downership.property.seed=N} replays one, {@code -Downership.property.tries=N} sets
 * how many run (default 15).
 */
@QuarkusTest
class OwnershipModelPropertyTest {

    @Test
    void theRegisterAgreesWithTheModelOverRandomHistories() {
        new SeededProperty("ownership.property", 15, 60).forAll(OwnershipHistoryCheck::generate,
                history -> SeededProperty.smallerLists(history, OwnershipHistoryCheck::simpler),
                history -> new OwnershipHistoryCheck().check(history));
    }
}
