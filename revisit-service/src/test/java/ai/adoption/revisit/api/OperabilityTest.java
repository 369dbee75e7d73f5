package ai.adoption.revisit.api;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;

/** Health, metrics (the revisit gauges and the scheduler's lag histogram) and OpenAPI. */
@QuarkusTest
class OperabilityTest {

    @Test
    void readinessAndLiveness() {
        RestAssured.get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.name", hasItems("Database connections health check"));
        RestAssured.get("/q/health/live").then().statusCode(200).body("checks.name", hasItems("outbox-relay"));
    }

    @Test
    void prometheusHasTheRevisitGaugesAndTheSchedulerLag() {
        await().atMost(30, TimeUnit.SECONDS).until(() -> RestAssured.get("/q/metrics").asString().contains("revisit_cases_open"));
        RestAssured.get("/q/metrics").then().statusCode(200)
                .body(containsString("revisit_cases_open"))
                .body(containsString("revisit_cases_due"))
                .body(containsString("revisit_scheduler_lag_seconds_bucket"))
                .body(containsString("revisit_scheduler_fired_total"))
                .body(containsString("eventsourcing_relay_lag_seconds_bucket"));
    }

    @Test
    void openApiHasOperationIdsAndTheProblemResponses() {
        RestAssured.given().accept("application/json").get("/q/openapi").then().statusCode(200)
                .body("paths.'/revisits/{id}/evaluations'.post.operationId", equalTo("evaluateRevisit"))
                .body("paths.'/revisits/{id}/evaluations'.post.responses.'201'", notNullValue())
                .body("paths.'/revisits/{id}/evaluations'.post.responses.'409'", notNullValue())
                .body("paths.'/revisits/{id}/evaluations'.post.responses.'412'", notNullValue())
                .body("paths.'/revisits'.get.operationId", equalTo("listRevisits"))
                .body("paths.'/revisit-policies/{department}'.put.responses.'201'", notNullValue())
                .body("paths.'/revisits/bring-forward'.post.responses.'403'", notNullValue())
                .body("components.securitySchemes.jwt.scheme", equalTo("bearer"));
    }

    @Test
    void theListsFiltersAreDocumentedAsTheServiceAcceptsThem() {
        RestAssured.given().accept("application/json").get("/q/openapi").then().statusCode(200)
                .body("paths.'/revisits'.get.parameters.find { it.name == 'status' }.schema.enum",
                        org.hamcrest.Matchers.contains("SCHEDULED", "DUE", "CLOSED"))
                .body("paths.'/revisits'.get.parameters.find { it.name == 'source' }.schema.enum",
                        org.hamcrest.Matchers.contains("REJECTION", "EXPERIMENT"));
        ai.adoption.revisit.Api.ambassador("finance")
                .queryParam("status", "due").get("/revisits").then().statusCode(400);
        ai.adoption.revisit.Api.ambassador("finance")
                .queryParam("status", "DUE").queryParam("source", "REJECTION").get("/revisits").then().statusCode(200);
    }
}
