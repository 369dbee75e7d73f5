package ai.adoption.governance.api;

import ai.adoption.governance.Api;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static ai.adoption.governance.Api.admin;
import static ai.adoption.governance.Api.person;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

/** A department's definitions are effective-dated and bitemporal: read as of a date, as recorded at a time. */
@QuarkusTest
class DepartmentsTest {

    @Test
    void aChangeTakesEffectOnItsDateAndEarlierRecordsStayReadable() throws Exception {
        String id = Api.unique("finance");
        admin().body(Map.of("name", "Finance", "director", person("frank", "Frank Fischer"),
                        "managers", List.of(person("fiona", "Fiona Berg")), "effectiveFrom", "2026-01-01"))
                .put("/departments/" + id).then().statusCode(201).body("director.displayName", equalTo("Frank Fischer"));
        // the same definition again records nothing
        admin().body(Map.of("name", "Finance", "director", person("frank", null), "managers", List.of(person("fiona", null)),
                "effectiveFrom", "2026-01-01")).put("/departments/" + id).then().statusCode(200).body("version", equalTo(1));
        Thread.sleep(20);
        Instant beforeChange = Instant.now();
        Thread.sleep(20);
        admin().body(Map.of("name", "Finance & Treasury", "director", person("tess", "Tess Tan"), "effectiveFrom", "2026-07-01",
                "reason", "Merged with treasury")).put("/departments/" + id).then().statusCode(200).body("version", equalTo(2));
        // a change without a reason is refused
        admin().body(Map.of("name", "Other", "director", person("tess", null), "effectiveFrom", "2026-08-01"))
                .put("/departments/" + id).then().statusCode(422).body("errors[0].field", equalTo("reason"));

        Api.employee(id).queryParam("asOf", "2026-03-01").get("/departments/" + id).then().statusCode(200)
                .body("name", equalTo("Finance")).body("director.id", equalTo("frank")).body("managers", hasSize(1));
        Api.employee(id).queryParam("asOf", "2026-08-01").get("/departments/" + id).then().statusCode(200)
                .body("name", equalTo("Finance & Treasury")).body("director.displayName", equalTo("Tess Tan"));
        Api.employee(id).queryParam("asOf", "2026-08-01").queryParam("knownAt", beforeChange.toString()).get("/departments/" + id)
                .then().statusCode(200).body("name", equalTo("Finance"));
        Api.employee(id).queryParam("asOf", "2025-12-31").get("/departments/" + id).then().statusCode(404);
        Api.employee(id).get("/departments/" + id + "/history").then().statusCode(200).body("type",
                equalTo(List.of("ai.adoption.department.established.v1", "ai.adoption.department.changed.v1")));
    }
}
