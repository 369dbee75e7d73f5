package ai.adoption.governance.api;

import ai.adoption.governance.Api;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;

import static ai.adoption.governance.Api.compliance;
import static ai.adoption.governance.Api.person;
import static org.hamcrest.Matchers.equalTo;

/**
 * Issue 13 §3, through the API: corrections, cancellations, same-day transfers and backdated
 * lifecycle changes are checked against every department whose accountability they rewrite; names
 * and decidedBy cannot be bent by an approver.
 */
@QuarkusTest
class AuthorityAcrossDepartmentsTest {

    private static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);

    @Test
    void correctionsCancellationsAndBackdatingCannotMoveAccountabilityBetweenDepartments() {
        String a = Api.unique("finance");
        String b = Api.unique("hr");
        String hugo = Api.unique("hugo");
        UUID system = Api.register(a, "dora", "Copilot", "INTERNAL", TODAY.minusDays(60));
        String aToB = compliance().body(Map.of("toDepartment", b, "toOwner", person(hugo, "Hugo Hansen"), "reason", "HR runs it now",
                "effectiveFrom", TODAY.minusDays(30).toString())).post("/ai-systems/" + system + "/transfers").then().statusCode(201)
                .extract().header("X-Transfer-Id");
        String corrections = "/ai-systems/" + system + "/transfers/" + aToB + "/corrections";

        // the receiving department's approver: no cancellation, no moving the date
        Api.approver(b).body(Map.of("cancel", true, "reason", "never happened")).post(corrections).then().statusCode(403);
        Api.approver(b).body(Map.of("effectiveFrom", TODAY.minusDays(50).toString(), "reason", "earlier")).post(corrections)
                .then().statusCode(403);
        Api.approver(a).body(Map.of("effectiveFrom", TODAY.minusDays(10).toString(), "reason", "later")).post(corrections)
                .then().statusCode(403);
        // A's approver cannot take the system back with an in-department transfer dated on or after the A->B transfer
        Api.approver(a).body(Map.of("toDepartment", a, "toOwner", person("dora", null), "reason", "mine again",
                "effectiveFrom", TODAY.minusDays(30).toString())).post("/ai-systems/" + system + "/transfers").then().statusCode(403);
        // a former owner cannot retire it by backdating; nor can the new owner rewrite the former owner's period
        Api.approver(a).body(Map.of("lifecycle", "RETIRED", "effectiveFrom", TODAY.minusDays(40).toString())).post("/ai-systems/"
                + system + "/lifecycle").then().statusCode(403);
        Api.approver(b).body(Map.of("lifecycle", "RETIRED", "effectiveFrom", TODAY.minusDays(40).toString())).post("/ai-systems/"
                + system + "/lifecycle").then().statusCode(403);
        // ...and the answer is still B's from the transfer on, and the system is not retired
        compliance().queryParam("asOf", TODAY.minusDays(20).toString()).get("/ai-systems/" + system + "/ownership").then()
                .statusCode(200).body("department", equalTo(b));
        compliance().get("/ai-systems/" + system).then().statusCode(200).body("lifecycle", equalTo("PILOT"));

        // within its own period B's approver still fixes the owner, and a compliance officer may cancel
        Api.approver(b).body(Map.of("owner", person(hugo, null), "reason", "same owner, spelled out")).post(corrections)
                .then().statusCode(200);
        compliance().body(Map.of("cancel", true, "reason", "never happened")).post(corrections).then().statusCode(200);
        compliance().queryParam("asOf", TODAY.minusDays(20).toString()).get("/ai-systems/" + system + "/ownership").then()
                .statusCode(200).body("department", equalTo(a));
    }

    @Test
    void anApproverNeitherRenamesSomeoneElseNorRecordsADecisionAsSomeoneElses() {
        String a = Api.unique("finance");
        String fred = Api.unique("fred");
        UUID system = Api.register(a, "dora", "Copilot", "INTERNAL", TODAY.minusDays(60));
        compliance().body(Map.of("toDepartment", a, "toOwner", person(fred, "Fred Olsen"), "reason", "r",
                "effectiveFrom", TODAY.minusDays(40).toString())).post("/ai-systems/" + system + "/transfers").then().statusCode(201);

        Api.approver(a).body(Map.of("toDepartment", a, "toOwner", person(fred, "Somebody Else"), "reason", "r",
                "effectiveFrom", TODAY.minusDays(20).toString())).post("/ai-systems/" + system + "/transfers").then().statusCode(403);
        Api.as(fred, a, "employee").get("/persons/" + fred).then().statusCode(200).body("displayName", equalTo("Fred Olsen"));

        Api.approver(a).body(Map.of("toDepartment", a, "toOwner", person("dora", null), "decidedBy", person("the-ceo", null),
                "reason", "r", "effectiveFrom", TODAY.minusDays(20).toString())).post("/ai-systems/" + system + "/transfers")
                .then().statusCode(403);
        Api.approver(a).body(Map.of("toDepartment", a, "toOwner", person("dora", null), "reason", "r",
                "effectiveFrom", TODAY.minusDays(20).toString())).post("/ai-systems/" + system + "/transfers").then().statusCode(201);
    }
}
