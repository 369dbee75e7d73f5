package ai.adoption.eventsourcing.security;

import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;

import javax.crypto.SecretKey;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The {@link JWTParser} that Quarkus' bearer-token validator ({@code MpJwtValidator}) calls on every
 * request: verifies a token once with smallrye-jwt's {@link DefaultJWTParser} and then serves it from
 * {@link VerifiedTokens} until its {@code exp} (RS256 verification and claim checks were 10–14 % of a
 * service's CPU under load, the same few tokens over and over). The key is the whole raw token, so a
 * different or tampered token is verified normally; a failed verification is never cached. Only
 * {@link #parse(String)} (the configured verification) is cached; every other method delegates.
 *
 * <p>{@code eventsourcing.security.token-cache.max-size} (0 disables) and {@code .max-age} bound it;
 * metrics {@code eventsourcing.token.cache} (tag {@code result}: hit, miss, flush) and
 * {@code eventsourcing.token.cache.size}.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class CachingJwtParser implements JWTParser {

    private final DefaultJWTParser delegate;
    private final VerifiedTokens cache;

    @Inject
    public CachingJwtParser(DefaultJWTParser delegate, JWTAuthContextInfo authContext, MeterRegistry meters,
                            @ConfigProperty(name = "eventsourcing.security.token-cache.max-size", defaultValue = "2048") int maxSize,
                            @ConfigProperty(name = "eventsourcing.security.token-cache.max-age", defaultValue = "5m") Duration maxAge) {
        this.delegate = delegate;
        this.cache = new VerifiedTokens(maxSize, maxAge, authContext.getTokenAge(), Clock.systemUTC());
        FunctionCounter.builder("eventsourcing.token.cache", cache, VerifiedTokens::hits).tag("result", "hit")
                .description("Bearer tokens served from the verified-token cache").register(meters);
        FunctionCounter.builder("eventsourcing.token.cache", cache, VerifiedTokens::misses).tag("result", "miss")
                .description("Bearer tokens verified (not cached, or no longer valid)").register(meters);
        FunctionCounter.builder("eventsourcing.token.cache", cache, VerifiedTokens::flushes).tag("result", "flush")
                .description("Times the cache was full of valid tokens and emptied").register(meters);
        Gauge.builder("eventsourcing.token.cache.size", cache, VerifiedTokens::size).register(meters);
    }

    @Override
    public JsonWebToken parse(String token) throws ParseException {
        JsonWebToken cached = cache.get(token);
        if (cached != null) {
            return cached;
        }
        JsonWebToken verified = delegate.parse(token);
        cache.put(token, verified);
        return verified;
    }

    /** Hits and misses so far (tests, diagnostics). */
    public VerifiedTokens cache() {
        return cache;
    }

    @Override
    public JsonWebToken parse(String token, JWTAuthContextInfo context) throws ParseException {
        return delegate.parse(token, context);
    }

    @Override
    public JsonWebToken verify(String token, PublicKey key) throws ParseException {
        return delegate.verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, SecretKey key) throws ParseException {
        return delegate.verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, String secret) throws ParseException {
        return delegate.verify(token, secret);
    }

    @Override
    public JsonWebToken decrypt(String token, PrivateKey key) throws ParseException {
        return delegate.decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, SecretKey key) throws ParseException {
        return delegate.decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, String secret) throws ParseException {
        return delegate.decrypt(token, secret);
    }

    @Override
    public JsonWebToken parseOnly(String token) throws ParseException {
        return delegate.parseOnly(token);
    }
}
