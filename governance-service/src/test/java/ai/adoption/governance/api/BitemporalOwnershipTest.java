package ai.adoption.governance.api;

import ai.adoption.governance.Api;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;

import static ai.adoption.governance.Api.compliance;
import static ai.adoption.governance.Api.person;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

/**
 * Who owned it on a date, according to the records as they stood at a time. A system is registered
 * (owner dora from 2026-01-01); later a transfer to fred effective 2026-05-01, a date already past, is
 * recorded; later still a correction says it really took effect on 2026-06-15. Each (asOf, knownAt)
 * quadrant answers what an auditor expects.
 */
@QuarkusTest
class BitemporalOwnershipTest {

    @Test
    void theFourQuadrantsOfAsOfAndKnownAt() throws Exception {
        String department = Api.unique("finance");
        String dora = Api.unique("dora");
        String fred = Api.unique("fred");
        UUID system = Api.register(department, dora, "ChatGPT Enterprise", "INTERNAL", LocalDate.parse("2026-01-01"));
        Thread.sleep(20);
        Instant beforeTransfer = Instant.now();
        Thread.sleep(20);

        String transferId = compliance().body(Map.of("toDepartment", department, "toOwner", person(fred, "Fred Falk"),
                        "reason", "Dora moved to treasury; recorded late", "effectiveFrom", "2026-05-01"))
                .post("/ai-systems/" + system + "/transfers").then().statusCode(201).extract().header("X-Transfer-Id");
        Thread.sleep(20);
        Instant beforeCorrection = Instant.now();
        Thread.sleep(20);

        compliance().body(Map.of("effectiveFrom", "2026-06-15", "reason", "The handover happened in June, says HR"))
                .post("/ai-systems/" + system + "/transfers/" + transferId + "/corrections").then().statusCode(200);

        // mid-May: before the correction was recorded the records said fred, since the correction they say dora
        owner(system, "2026-05-15", beforeTransfer).body("owner.id", equalTo(dora));
        owner(system, "2026-05-15", beforeCorrection).body("owner.id", equalTo(fred)).body("kind", equalTo("TRANSFER"))
                .body("effectiveFrom", equalTo("2026-05-01"));
        owner(system, "2026-05-15", null).body("owner.id", equalTo(dora)).body("kind", equalTo("REGISTRATION"));
        // July: fred, unless asked as the records stood before the transfer was recorded
        owner(system, "2026-07-01", null).body("owner.id", equalTo(fred)).body("owner.displayName", equalTo("Fred Falk"))
                .body("kind", equalTo("CORRECTION")).body("effectiveFrom", equalTo("2026-06-15"))
                .body("transferId", equalTo(transferId));
        owner(system, "2026-07-01", beforeTransfer).body("owner.id", equalTo(dora));
        owner(system, "2026-07-01", beforeCorrection).body("owner.id", equalTo(fred));
        // before the registration, nobody, as known at any time
        owner(system, "2025-12-01", null).body("owner", nullValue()).body("department", nullValue());
        // knownAt before the system was registered at all
        owner(system, "2026-07-01", Instant.parse("2020-01-01T00:00:00Z")).body("owner", nullValue());

        // the full history: the registration, the transfer (superseded by the correction), the correction
        compliance().get("/ai-systems/" + system + "/ownership/history").then().statusCode(200)
                .body("", hasSize(3))
                .body("[0].kind", equalTo("REGISTRATION")).body("[0].supersededAt", nullValue())
                .body("[1].kind", equalTo("TRANSFER")).body("[1].supersededAt", notNullValue())
                .body("[1].fromOwner.id", equalTo(dora)).body("[1].owner.id", equalTo(fred))
                .body("[1].decidedBy.id", equalTo("cora"))
                .body("[2].kind", equalTo("CORRECTION")).body("[2].effectiveFrom", equalTo("2026-06-15"));
        // as the history stood before the correction: the transfer was not yet superseded
        compliance().queryParam("knownAt", beforeCorrection.toString()).get("/ai-systems/" + system + "/ownership/history").then()
                .statusCode(200).body("", hasSize(2)).body("[1].supersededAt", nullValue());
    }

    @Test
    void aCancelledTransferNeverHappenedButStaysInTheHistory() throws Exception {
        String department = Api.unique("finance");
        UUID system = Api.register(department, "dora", "Copilot", "INTERNAL", LocalDate.parse("2026-01-01"));
        String transferId = compliance().body(Map.of("toDepartment", department, "toOwner", person("fred", "Fred"),
                        "reason", "typo", "effectiveFrom", "2026-03-01"))
                .post("/ai-systems/" + system + "/transfers").then().statusCode(201).extract().header("X-Transfer-Id");
        Thread.sleep(20);
        Instant beforeCancel = Instant.now();
        Thread.sleep(20);
        compliance().body(Map.of("cancel", true, "reason", "Recorded on the wrong system"))
                .post("/ai-systems/" + system + "/transfers/" + transferId + "/corrections").then().statusCode(200);
        owner(system, "2026-04-01", null).body("owner.id", equalTo("dora"));
        owner(system, "2026-04-01", beforeCancel).body("owner.id", equalTo("fred"));
        compliance().get("/ai-systems/" + system + "/ownership/history").then().body("[2].cancelled", equalTo(true));
    }

    private static ValidatableResponse owner(UUID system, String asOf, Instant knownAt) {
        var request = compliance().queryParam("asOf", asOf);
        if (knownAt != null) {
            request = request.queryParam("knownAt", knownAt.toString());
        }
        return request.get("/ai-systems/" + system + "/ownership").then().statusCode(200);
    }
}
