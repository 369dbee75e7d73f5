package ai.adoption.experiments.api;

import ai.adoption.experiments.Api;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

import static ai.adoption.experiments.Api.FINANCE;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

/** Health, metrics and OpenAPI are there for operators and tools. */
@QuarkusTest
class OperabilityTest {

    @Test
    void readinessCoversPostgresKafkaHasItsOwnGroupLivenessCoversTheRelay() {
        // readiness is what the pod can serve: PostgreSQL, for commands and queries (reactive) and migrations (JDBC)
        RestAssured.get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.name", hasItems("Reactive PostgreSQL connections health check", "Database connections health check"));
        // Kafka has a health group of its own: an outage delays publication but does not stop the API
        RestAssured.get("/q/health/group/kafka").then().statusCode(200).body("checks.name", hasItems("kafka"));
        RestAssured.get("/q/health/live").then().statusCode(200).body("checks.name", hasItems("outbox-relay"));
    }

    @Test
    void prometheusMetricsIncludeCommandsEventsAndRelay() {
        Api.submitIdea("metrics", FINANCE);
        RestAssured.get("/q/metrics").then().statusCode(200)
                .body(containsString("commands_handled_total{command=\"SubmitIdea\",outcome=\"accepted\"}"))
                .body(containsString("events_appended_total{type=\"idea.submitted\"}"))
                .body(containsString("eventsourcing_relay_lag_seconds_bucket"))
                .body(containsString("eventsourcing_relay_unpublished"))
                .body(containsString("eventsourcing_relay_published_total"));
    }

    @Test
    void openApiDescribesTheEndpointsAndTheBearerScheme() {
        RestAssured.given().accept("application/json").get("/q/openapi").then().statusCode(200)
                .body("paths.'/ideas'.post.summary", equalTo("Submit an idea"))
                .body("components.securitySchemes.jwt.scheme", equalTo("bearer"));
    }

    /** The shared defaults of event-sourcing (META-INF/microprofile-config.properties) reach the service. */
    @Test
    void theSharedPlatformDefaultsApply() {
        org.eclipse.microprofile.config.Config config = org.eclipse.microprofile.config.ConfigProvider.getConfig();
        org.assertj.core.api.Assertions.assertThat(config.getValue("quarkus.hibernate-orm.query.query-plan-cache-max-size", Integer.class)).isZero();
        org.assertj.core.api.Assertions.assertThat(config.getValue("quarkus.vertx.event-loops-pool-size", Integer.class)).isEqualTo(2);
        org.assertj.core.api.Assertions.assertThat(config.getValue("quarkus.datasource.reactive.max-size", Integer.class)).isEqualTo(40);
        org.assertj.core.api.Assertions.assertThat(config.getValue("quarkus.flyway.locations", String.class)).contains("db/eventsourcing");
    }
}
