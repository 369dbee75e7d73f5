package ai.adoption.governance;

import ai.adoption.testinfra.DevTokens;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** Test callers with real signed tokens, and the request bodies the tests send. */
public final class Api {

    private Api() {
    }

    /** A name unique to one test (departments, tools, people), so tests never see each other's data. */
    public static String unique(String name) {
        return name + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public static RequestSpecification as(String subject, String department, String... roles) {
        return RestAssured.given().auth().oauth2(DevTokens.mint(subject, Set.of(roles), department)).contentType(ContentType.JSON);
    }

    public static RequestSpecification admin() {
        return as("root", null, "admin");
    }

    public static RequestSpecification compliance() {
        return as("cora", null, "compliance-officer");
    }

    public static RequestSpecification approver(String department) {
        return as("appr-" + department, department, "approver");
    }

    public static RequestSpecification ambassador(String department) {
        return as("amb-" + department, department, "ambassador");
    }

    public static RequestSpecification employee(String department) {
        return as("emp-" + department, department, "employee");
    }

    public static RequestSpecification anonymous() {
        return RestAssured.given().contentType(ContentType.JSON);
    }

    public static Map<String, Object> person(String id, String name) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("id", id);
        p.put("displayName", name);
        return p;
    }

    public static Map<String, Object> system(String department, String owner, String tool, String dataClass, LocalDate effectiveFrom) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "Contract summariser " + UUID.randomUUID().toString().substring(0, 6));
        body.put("tool", tool);
        body.put("vendor", "Vendor");
        body.put("purpose", "Summarise supplier contracts");
        body.put("scope", "Procurement");
        body.put("dataClassification", dataClass);
        body.put("department", department);
        body.put("owner", person(owner, "Owner " + owner));
        body.put("effectiveFrom", effectiveFrom.toString());
        return body;
    }

    /** Registers a system by hand as a compliance officer; answers its id. */
    public static UUID register(String department, String owner, String tool, String dataClass, LocalDate effectiveFrom) {
        return UUID.fromString(compliance().body(system(department, owner, tool, dataClass, effectiveFrom)).post("/ai-systems")
                .then().statusCode(201).extract().path("id"));
    }

    public static Map<String, Object> screening(boolean any) {
        Map<String, Object> s = new LinkedHashMap<>();
        for (char c = 'a'; c <= 'h'; c++) {
            s.put(String.valueOf(c), any && c == 'f');
        }
        return s;
    }

    public static Map<String, Object> classification(String tier, String area, boolean prohibitedPractice, LocalDate effectiveFrom) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("role", "DEPLOYER");
        body.put("riskTier", tier);
        body.put("annexIIIArea", area);
        body.put("screening", screening(prohibitedPractice));
        body.put("transparencyDuties", List.of("INTERACTS_WITH_PEOPLE"));
        body.put("effectiveFrom", effectiveFrom.toString());
        return body;
    }

    public static void classify(UUID system, String tier, String area, LocalDate effectiveFrom) {
        compliance().body(classification(tier, area, false, effectiveFrom)).put("/ai-systems/" + system + "/classification")
                .then().statusCode(200);
    }
}
