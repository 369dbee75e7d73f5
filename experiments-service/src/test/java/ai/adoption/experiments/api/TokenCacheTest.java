package ai.adoption.experiments.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import ai.adoption.eventsourcing.security.CachingJwtParser;
import ai.adoption.experiments.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/**
 * The verified-token cache is the parser that the service's bearer authentication uses: the same token
 * over HTTP is verified once, a token whose payload was changed is refused while the original is cached,
 * and the hits are a metric. (Expiry and size bounds: event-sourcing's CachingJwtParserTest.)
 */
@QuarkusTest
class TokenCacheTest {

    @Inject
    CachingJwtParser parser;

    @Test
    void theSameTokenIsVerifiedOnceAndATamperedOneIsRefused() {
        String token = Api.token("token-cache-" + System.nanoTime(), Api.FINANCE, "employee");
        long hits = parser.cache().hits();

        for (int i = 0; i < 3; i++) {
            RestAssured.given().auth().oauth2(token).get("/ideas").then().statusCode(200);
        }
        assertThat(parser.cache().hits() - hits).isGreaterThanOrEqualTo(2);

        String[] parts = token.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        String forged = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(
                payload.replace("\"employee\"", "\"admin\"").getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        RestAssured.given().auth().oauth2(forged).get("/ideas").then().statusCode(401);

        RestAssured.given().get("/q/metrics").then().statusCode(200)
                .body(containsString("eventsourcing_token_cache_total{result=\"hit\"}"));
    }
}
