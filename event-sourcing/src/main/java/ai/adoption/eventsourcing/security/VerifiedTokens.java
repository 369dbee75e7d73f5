package ai.adoption.eventsourcing.security;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Tokens whose signature and claims were verified, keyed by the raw token string, each kept until the
 * earliest of its {@code exp}, its {@code iat} plus the configured maximum token age, and a maximum
 * time in the cache; never served at or past that instant. Bounded in size: when full, expired
 * entries are dropped, and if it is still full, everything (a flood of distinct tokens cannot grow it).
 * A token without {@code exp} is never cached. Thread-safe; no framework.
 */
public final class VerifiedTokens {

    private record Entry(JsonWebToken token, long expiresAtMillis) {
    }

    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
    private final int maxEntries;
    private final long maxAgeMillis;
    private final Long tokenAgeSeconds;
    private final Clock clock;
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();
    private final LongAdder flushes = new LongAdder();

    /**
     * @param maxEntries      at most this many tokens (0 disables the cache)
     * @param maxAge          how long an entry may live at most, whatever its {@code exp}
     * @param tokenAgeSeconds {@code mp.jwt.verify.token.age}: a token is invalid from {@code iat} plus this, or null
     * @param clock           the wall clock that {@code exp} is compared with
     */
    public VerifiedTokens(int maxEntries, Duration maxAge, Long tokenAgeSeconds, Clock clock) {
        if (maxEntries < 0 || maxAge.isNegative()) {
            throw new IllegalArgumentException("token cache: max-size and max-age must not be negative");
        }
        this.maxEntries = maxEntries;
        this.maxAgeMillis = maxAge.toMillis();
        this.tokenAgeSeconds = tokenAgeSeconds;
        this.clock = clock;
    }

    /** The verified token for this exact string, or null when it is not cached or no longer valid. */
    public JsonWebToken get(String raw) {
        Entry entry = entries.get(raw);
        if (entry != null && clock.millis() < entry.expiresAtMillis()) {
            hits.increment();
            return entry.token();
        }
        if (entry != null) {
            entries.remove(raw, entry);
        }
        misses.increment();
        return null;
    }

    /** Remembers a token that was just verified, if it carries an {@code exp} that is still ahead. */
    public void put(String raw, JsonWebToken verified) {
        if (maxEntries == 0) {
            return;
        }
        long exp = verified.getExpirationTime();
        if (exp <= 0) {
            return;
        }
        long now = clock.millis();
        long until = Math.min(Math.multiplyExact(exp, 1000L), now + maxAgeMillis);
        if (tokenAgeSeconds != null && verified.getIssuedAtTime() > 0) {
            until = Math.min(until, (verified.getIssuedAtTime() + tokenAgeSeconds) * 1000L);
        }
        if (until <= now) {
            return;
        }
        if (entries.size() >= maxEntries) {
            entries.values().removeIf(e -> e.expiresAtMillis() <= now);
            if (entries.size() >= maxEntries) {
                entries.clear();
                flushes.increment();
            }
        }
        entries.put(raw, new Entry(verified, until));
    }

    public long hits() {
        return hits.sum();
    }

    public long misses() {
        return misses.sum();
    }

    /** How often the cache was full of valid tokens and emptied. */
    public long flushes() {
        return flushes.sum();
    }

    public int size() {
        return entries.size();
    }
}
