package ai.adoption.eventsourcing.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;

/** Bounds of the cache: exp, maximum age, maximum token age (iat), size. A clock that the test moves. */
class VerifiedTokensTest {

    private static final class MovableClock extends Clock {
        long millis = 1_800_000_000_000L;

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis);
        }
    }

    private static JsonWebToken token(long iatSeconds, long expSeconds) {
        return new JsonWebToken() {
            @Override
            public String getName() {
                return "t";
            }

            @Override
            public Set<String> getClaimNames() {
                return Set.of("iat", "exp");
            }

            @Override
            @SuppressWarnings("unchecked")
            public <T> T getClaim(String claim) {
                return switch (claim) {
                    case "iat" -> (T) Long.valueOf(iatSeconds);
                    case "exp" -> (T) Long.valueOf(expSeconds);
                    default -> null;
                };
            }
        };
    }

    private final MovableClock clock = new MovableClock();

    private long nowSeconds() {
        return clock.millis() / 1000;
    }

    @Test
    void servedUntilExpAndNeverAtOrAfterIt() {
        VerifiedTokens cache = new VerifiedTokens(8, Duration.ofHours(1), null, clock);
        cache.put("a", token(nowSeconds(), nowSeconds() + 60));
        clock.millis += 59_999;
        assertThat(cache.get("a")).isNotNull();
        clock.millis += 1;
        assertThat(cache.get("a")).isNull();
        assertThat(cache.size()).isZero();
    }

    @Test
    void boundedByMaxAgeAndByTheConfiguredTokenAge() {
        VerifiedTokens byMaxAge = new VerifiedTokens(8, Duration.ofMinutes(5), null, clock);
        VerifiedTokens byTokenAge = new VerifiedTokens(8, Duration.ofHours(1), 120L, clock);
        byMaxAge.put("a", token(nowSeconds(), nowSeconds() + 3600));
        byTokenAge.put("a", token(nowSeconds() - 100, nowSeconds() + 3600));
        clock.millis += 20_000;
        assertThat(byTokenAge.get("a")).isNull();
        assertThat(byMaxAge.get("a")).isNotNull();
        clock.millis += 280_000;
        assertThat(byMaxAge.get("a")).isNull();
    }

    @Test
    void notCachedWithoutExpOrWhenAlreadyExpiredOrDisabled() {
        VerifiedTokens cache = new VerifiedTokens(8, Duration.ofHours(1), null, clock);
        cache.put("no-exp", token(nowSeconds(), 0));
        cache.put("expired", token(nowSeconds() - 10, nowSeconds() - 1));
        new VerifiedTokens(0, Duration.ofHours(1), null, clock).put("x", token(nowSeconds(), nowSeconds() + 60));
        assertThat(cache.size()).isZero();
    }

    @Test
    void neverHoldsMoreThanItsSize() {
        VerifiedTokens cache = new VerifiedTokens(3, Duration.ofHours(1), null, clock);
        for (int i = 0; i < 100; i++) {
            cache.put("t" + i, token(nowSeconds(), nowSeconds() + 60));
            assertThat(cache.size()).isLessThanOrEqualTo(3);
        }
        assertThat(cache.get("t99")).isNotNull();
        assertThat(cache.flushes()).isPositive();
    }
}
