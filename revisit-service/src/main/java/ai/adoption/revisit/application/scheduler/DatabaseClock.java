package ai.adoption.revisit.application.scheduler;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import java.time.Duration;

/**
 * The scheduler's "now" is the database's ({@code now()} of the claim's transaction), so that any
 * number of instances agree on what is due whatever their JVM clocks say. Tests that move their
 * application clock forward move this offset with it; in production it is zero.
 */
@FunctionalInterface
public interface DatabaseClock {

    /** How far the scheduler's "now" lies ahead of the database's clock. */
    Duration offset();

    /** The production clock: the database's own. */
    @ApplicationScoped
    class Producer {
        @Produces
        @DefaultBean
        @ApplicationScoped
        DatabaseClock databaseClock() {
            return () -> Duration.ZERO;
        }
    }
}
