package ai.adoption.dashboard.api;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

import static org.hamcrest.Matchers.nullValue;

/**
 * {@code GET /dashboard/sign-in} needs no token (the page asks before anyone is signed in). Without
 * {@code dashboard.oidc.*} (the tests' configuration, like the laptop path without Keycloak) it names no provider,
 * and the page offers the token box only. The configured case runs in e2e-tests' KeycloakJourneyTest.
 */
@QuarkusTest
class SignInResourceTest {

    @Test
    void withoutAnIssuerThePageIsToldToTakeATokenAndAskingNeedsNoToken() {
        RestAssured.given().accept("application/json")
                .when().get("/dashboard/sign-in")
                .then().statusCode(200)
                .body("issuer", nullValue())
                .body("clientId", nullValue());
    }
}
