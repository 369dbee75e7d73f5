package ai.adoption.revisit;

import ai.adoption.revisit.application.scheduler.DatabaseClock;

import io.quarkus.test.Mock;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The tests' clock: real time plus an offset that a test moves forward. It replaces the shared
 * {@code @DefaultBean} clock for the whole application (commands, consumers), and moves the
 * scheduler's database clock ({@link DatabaseClock}) by the same offset.
 */
public final class MutableClock extends Clock {

    public static final MutableClock INSTANCE = new MutableClock();

    private volatile Duration offset = Duration.ZERO;

    public void advance(Duration by) {
        offset = offset.plus(by);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(offset);
    }

    /** The CDI producer of the tests' clock. */
    @Singleton
    public static final class Producer {
        @Produces
        @Singleton
        @Mock
        Clock clock() {
            return INSTANCE;
        }

        /** The scheduler decides on the database's clock: moved forward with this one. */
        @Produces
        @Singleton
        @Mock
        DatabaseClock databaseClock() {
            return () -> INSTANCE.offset;
        }
    }
}
