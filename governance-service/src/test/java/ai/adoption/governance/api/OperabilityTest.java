package ai.adoption.governance.api;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;

/** Health, metrics and the OpenAPI document, like the siblings'. */
@QuarkusTest
class OperabilityTest {

    @Test
    void readinessAndLiveness() {
        RestAssured.get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.name", hasItems("Database connections health check"));
        RestAssured.get("/q/health/live").then().statusCode(200).body("checks.name", hasItems("outbox-relay"));
    }

    @Test
    void prometheusMetrics() {
        RestAssured.get("/q/metrics").then().statusCode(200).body(containsString("eventsourcing_relay"))
                .body(containsString("governance_audit_pages_total"));
    }

    @Test
    void openApiHasOperationIdsAndProblemResponses() {
        RestAssured.given().accept("application/json").get("/q/openapi").then().statusCode(200)
                .body("paths.'/ai-systems/{id}/ownership'.get.operationId", equalTo("getOwnership"))
                .body("paths.'/ai-systems/{id}/ownership'.get.responses.'400'", notNullValue())
                .body("paths.'/ai-systems/{id}/transfers'.post.responses.'201'", notNullValue())
                .body("paths.'/ai-systems/{id}/transfers'.post.responses.'403'", notNullValue())
                .body("paths.'/ai-systems/{id}/transfers'.post.responses.'422'", notNullValue())
                .body("paths.'/compliance-gaps'.get.operationId", equalTo("complianceGaps"))
                .body("paths.'/inventory'.get.parameters.name", org.hamcrest.Matchers.hasItems("limit", "after", "knownAt", "asOf"))
                .body("paths.'/findings'.get.responses.'200'.headers.Link", notNullValue())
                .body("paths.'/ai-systems'.get.responses.'400'", notNullValue())
                .body("paths.'/audit'.get.responses.'200'.content", notNullValue())
                .body("components.securitySchemes.jwt.scheme", equalTo("bearer"));
    }
}
