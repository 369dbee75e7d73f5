package ai.adoption.governance.model;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.fail;

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

    private static final int SHRINK_BUDGET = 60;

    @Test
    void theRegisterAgreesWithTheModelOverRandomHistories() {
        Long only = Long.getLong("ownership.property.seed");
        long first = only != null ? only : new Random().nextLong();
        int tries = only != null ? 1 : Integer.getInteger("ownership.property.tries", 15);
        for (int i = 0; i < tries; i++) {
            long seed = first + i;
            List<OwnershipHistoryCheck.Step> history = OwnershipHistoryCheck.generate(new Random(seed));
            AssertionError failure = OwnershipHistoryCheck.failureOf(history);
            if (failure != null) {
                List<OwnershipHistoryCheck.Step> shrunk = OwnershipHistoryCheck.shrink(history, SHRINK_BUDGET);
                AssertionError shrunkFailure = OwnershipHistoryCheck.failureOf(shrunk);
                fail("The register disagrees with the model (replay: -Downership.property.seed=" + seed + ")\n"
                        + "history: " + history + "\nshrunk:  " + shrunk + "\nbecause: "
                        + (shrunkFailure != null ? shrunkFailure.getMessage() : failure.getMessage()), failure);
            }
        }
    }
}
