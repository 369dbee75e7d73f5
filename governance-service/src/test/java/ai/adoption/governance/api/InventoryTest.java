package ai.adoption.governance.api;

import ai.adoption.governance.Api;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static ai.adoption.governance.Api.compliance;
import static ai.adoption.governance.Api.person;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;

/**
 * A scripted history: A (registered 2026-01-10, MINIMAL) moves to another department and becomes HIGH
 * risk in April; B is registered on 2026-03-01; C (registered 2026-01-05) is retired on 2026-04-10.
 * The inventory on 2026-02-15 and 2026-05-01, and the diff between them.
 */
@QuarkusTest
class InventoryTest {

    @Test
    void inventoryAsOfADateAndTheDiffBetweenTwo() {
        String d = Api.unique("ops");
        String e = Api.unique("legal");
        UUID a = Api.register(d, "anna", "Copilot", "INTERNAL", LocalDate.parse("2026-01-10"));
        Api.classify(a, "MINIMAL", null, LocalDate.parse("2026-01-10"));
        UUID b = Api.register(d, "bert", "Claude", "INTERNAL", LocalDate.parse("2026-03-01"));
        UUID c = Api.register(d, "carl", "Gemini", "PUBLIC", LocalDate.parse("2026-01-05"));
        compliance().body(Map.of("toDepartment", e, "toOwner", person("eva", "Eva"), "reason", "Legal runs it",
                "effectiveFrom", "2026-04-01")).post("/ai-systems/" + a + "/transfers").then().statusCode(201);
        Api.classify(a, "HIGH", "EMPLOYMENT", LocalDate.parse("2026-04-15"));
        compliance().body(Map.of("lifecycle", "RETIRED", "reason", "Replaced", "effectiveFrom", "2026-04-10"))
                .post("/ai-systems/" + c + "/lifecycle").then().statusCode(200);

        compliance().queryParam("asOf", "2026-02-15").queryParam("department", d).get("/inventory").then().statusCode(200)
                .body("systems.systemId", containsInAnyOrder(a.toString(), c.toString()));
        compliance().queryParam("asOf", "2026-05-01").queryParam("department", d).get("/inventory").then().statusCode(200)
                .body("systems.systemId", contains(b.toString()));
        compliance().queryParam("asOf", "2026-05-01").queryParam("department", e).get("/inventory").then().statusCode(200)
                .body("systems.systemId", contains(a.toString()))
                .body("systems[0].owner.id", equalTo("eva")).body("systems[0].riskTier", equalTo("HIGH"));

        var diff = compliance().queryParam("from", "2026-02-15").queryParam("to", "2026-05-01").queryParam("department", d)
                .get("/inventory/diff").then().statusCode(200);
        diff.body("added.systemId", contains(b.toString()))
                .body("retired.systemId", contains(c.toString()))
                .body("ownershipChanged.systemId", contains(a.toString()))
                .body("ownershipChanged[0].from.department", equalTo(d)).body("ownershipChanged[0].to.department", equalTo(e))
                .body("classificationChanged.systemId", contains(a.toString()))
                .body("classificationChanged[0].from.riskTier", equalTo("MINIMAL"))
                .body("classificationChanged[0].to.riskTier", equalTo("HIGH"));
        // nothing changed inside February
        compliance().queryParam("from", "2026-02-01").queryParam("to", "2026-02-20").queryParam("department", d)
                .get("/inventory/diff").then().statusCode(200)
                .body("added", empty()).body("retired", empty()).body("ownershipChanged", empty())
                .body("classificationChanged", empty());
        // an approver of d sees their department's inventory, not e's
        Api.approver(d).queryParam("asOf", "2026-05-01").get("/inventory").then().statusCode(200)
                .body("department", equalTo(d)).body("systems.systemId", contains(b.toString()));
        Api.approver(d).queryParam("department", e).get("/inventory").then().statusCode(403);
        Api.employee(d).get("/inventory").then().statusCode(403);
        List<String> none = List.of();
        compliance().queryParam("asOf", "2025-01-01").queryParam("department", d).get("/inventory").then()
                .body("systems", equalTo(none));
    }
}
