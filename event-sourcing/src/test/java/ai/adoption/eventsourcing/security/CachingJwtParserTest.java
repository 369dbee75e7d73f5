package ai.adoption.eventsourcing.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Set;

import ai.adoption.testinfra.DevTokens;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.ParseException;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The verified-token cache in front of smallrye-jwt's real RS256 verification, with real dev tokens:
 * a token is verified once, a tampered or expired one is refused although the original was cached.
 */
class CachingJwtParserTest {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private CachingJwtParser parser;

    @BeforeEach
    void parser() {
        JWTAuthContextInfo info = new JWTAuthContextInfo(DevTokens.publicKey(), DevTokens.ISSUER);
        info.setClockSkew(0); // expiry exactly at exp, so that the expired case is refused by the verifier too
        info.setExpGracePeriodSecs(0);
        parser = new CachingJwtParser(new DefaultJWTParser(info), info, meters, 16, Duration.ofMinutes(5));
    }

    @Test
    void aTokenIsVerifiedOnceAndThenServedFromTheCache() throws ParseException {
        String token = DevTokens.mint("cache-" + System.nanoTime(), Set.of(Roles.EMPLOYEE), "finance");

        JsonWebToken first = parser.parse(token);
        JsonWebToken second = parser.parse(token);

        assertThat(second.getSubject()).isEqualTo(first.getSubject());
        assertThat(second.getGroups()).containsExactly(Roles.EMPLOYEE);
        assertThat(parser.cache().misses()).isEqualTo(1);
        assertThat(parser.cache().hits()).isEqualTo(1);
        assertThat(meters.get("eventsourcing.token.cache").tag("result", "hit").functionCounter().count()).isEqualTo(1.0);
    }

    @Test
    void aTamperedTokenIsRefusedWhileTheOriginalIsCached() throws ParseException {
        String token = DevTokens.mint("tamper-" + System.nanoTime(), Set.of(Roles.EMPLOYEE), "finance");
        parser.parse(token);
        String[] parts = token.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        String elevated = payload.replace("\"employee\"", "\"admin\"");
        assertThat(elevated).isNotEqualTo(payload);
        String forged = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(elevated.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        String badSignature = parts[0] + "." + parts[1] + "." + parts[2].substring(0, parts[2].length() - 4)
                + (parts[2].endsWith("AAAA") ? "BBBB" : "AAAA");

        assertThatThrownBy(() -> parser.parse(forged)).isInstanceOf(ParseException.class);
        assertThatThrownBy(() -> parser.parse(badSignature)).isInstanceOf(ParseException.class);
        assertThat(parser.cache().hits()).isZero();
        assertThat(parser.parse(token).getGroups()).containsExactly(Roles.EMPLOYEE);
        assertThat(parser.cache().hits()).isEqualTo(1);
    }

    @Test
    void anExpiredTokenIsRefusedAlthoughItWasCached() throws Exception {
        parser.parse(DevTokens.mint("warm-up", Set.of(Roles.EMPLOYEE), "finance")); // the first verification loads jose4j: slow
        String token = DevTokens.mint("expiring-" + System.nanoTime(), Set.of(Roles.EMPLOYEE), "finance", Duration.ofSeconds(3));
        long exp = parser.parse(token).getExpirationTime();
        assertThat(parser.cache().get(token)).isNotNull();

        while (System.currentTimeMillis() < exp * 1000 + 20) { // wait for the token to expire; no timing is asserted
            Thread.sleep(50);
        }

        assertThatThrownBy(() -> parser.parse(token)).isInstanceOf(ParseException.class);
        assertThat(parser.cache().get(token)).isNull();
    }
}
