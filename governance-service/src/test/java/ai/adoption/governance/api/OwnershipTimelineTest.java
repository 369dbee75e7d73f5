package ai.adoption.governance.api;

import ai.adoption.governance.Api;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;

import static ai.adoption.governance.Api.compliance;
import static ai.adoption.governance.Api.person;
import static org.hamcrest.Matchers.equalTo;

/**
 * Issue 13 §2: ties and corrections follow the business timeline. Assertions on one effective date
 * are ordered by the original transfer (its place in the system's stream), which a correction keeps;
 * a transfer dated before one already recorded for a later date is refused, so the later one cannot
 * silently take the system back from the new holder.
 */
@QuarkusTest
class OwnershipTimelineTest {

    @Test
    void correctingTheRegistrationDoesNotMakeItBeatALaterTransferOnTheSameDate() {
        String department = Api.unique("finance");
        String dora = Api.unique("dora");
        String fred = Api.unique("fred");
        UUID system = Api.register(department, dora, "Copilot", "INTERNAL", LocalDate.parse("2026-01-01"));
        compliance().body(Map.of("toDepartment", department, "toOwner", person(fred, "Fred"), "reason", "first-day handover",
                "effectiveFrom", "2026-01-01")).post("/ai-systems/" + system + "/transfers").then().statusCode(201);
        owner(system, "2026-02-01", fred);

        String registration = compliance().get("/ai-systems/" + system + "/ownership/history").then().statusCode(200)
                .extract().path("[0].transferId");
        // a typo in the registration's owner, fixed: the transfer recorded after the registration still wins on that date
        compliance().body(Map.of("owner", person(dora + "-x", "Dora"), "reason", "typo in the owner's id"))
                .post("/ai-systems/" + system + "/transfers/" + registration + "/corrections").then().statusCode(200)
                .body("accountable.owner.id", equalTo(fred));
        owner(system, "2026-01-01", fred);
        owner(system, "2026-02-01", fred);
        compliance().get("/ai-systems/" + system).then().statusCode(200).body("accountable.owner.id", equalTo(fred));
    }

    @Test
    void anEarlierDatedTransferBehindAFutureOneIsRefusedUntilTheFutureOneIsCancelledOrCorrected() {
        String department = Api.unique("finance");
        String dora = Api.unique("dora");
        String fred = Api.unique("fred");
        String gina = Api.unique("gina");
        UUID system = Api.register(department, dora, "Copilot", "INTERNAL", LocalDate.parse("2026-01-01"));
        String future = compliance().body(Map.of("toDepartment", department, "toOwner", person(fred, "Fred"), "reason", "planned",
                "effectiveFrom", "2099-06-01")).post("/ai-systems/" + system + "/transfers").then().statusCode(201)
                .extract().header("X-Transfer-Id");

        compliance().body(Map.of("toDepartment", department, "toOwner", person(gina, "Gina"), "reason", "earlier",
                        "effectiveFrom", "2099-05-01")).post("/ai-systems/" + system + "/transfers").then().statusCode(422)
                .contentType("application/problem+json").body("errors[0].field", equalTo("effectiveFrom"));
        owner(system, "2099-05-15", dora);
        owner(system, "2099-07-01", fred);

        compliance().body(Map.of("cancel", true, "reason", "plan changed"))
                .post("/ai-systems/" + system + "/transfers/" + future + "/corrections").then().statusCode(200);
        compliance().body(Map.of("toDepartment", department, "toOwner", person(gina, "Gina"), "reason", "earlier",
                "effectiveFrom", "2099-05-01")).post("/ai-systems/" + system + "/transfers").then().statusCode(201);
        owner(system, "2099-07-01", gina);
    }

    private static void owner(UUID system, String asOf, String expected) {
        compliance().queryParam("asOf", asOf).get("/ai-systems/" + system + "/ownership").then().statusCode(200)
                .body("owner.id", equalTo(expected));
    }
}
