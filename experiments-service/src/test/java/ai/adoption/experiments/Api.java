package ai.adoption.experiments;

import ai.adoption.testinfra.DevTokens;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

import java.time.LocalDate;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** Test callers with real signed tokens, and request bodies that pass validation unless a test breaks them. */
public final class Api {

    public static final String FINANCE = "finance";
    public static final String HR = "hr";

    private Api() {
    }

    public static String token(String subject, String department, String... roles) {
        return DevTokens.mint(subject, Set.of(roles), department);
    }

    public static RequestSpecification as(String subject, String department, String... roles) {
        return RestAssured.given().auth().oauth2(token(subject, department, roles)).contentType(ContentType.JSON);
    }

    public static RequestSpecification employee(String subject, String department) {
        return as(subject, department, "employee");
    }

    public static RequestSpecification approver(String subject, String department) {
        return as(subject, department, "approver");
    }

    public static RequestSpecification anonymous() {
        return RestAssured.given().contentType(ContentType.JSON);
    }

    /** A unique, valid idea body: unique payloads per run make leftover records impossible to match. */
    public static Map<String, Object> idea(String department) {
        return Map.of("title", "Summarise supplier contracts " + UUID.randomUUID(),
                "problem", "Reading 40-page contracts to find renewal dates takes hours every month",
                "aiTool", "ChatGPT Enterprise",
                "dataClassification", "CONFIDENTIAL",
                "benefitCategory", "EFFICIENCY",
                "department", department);
    }

    public static String submitIdea(String submitter, String department) {
        return employee(submitter, department).body(idea(department)).post("/ideas")
                .then().statusCode(201).extract().path("id");
    }

    public static String approvedIdea(String department) {
        String id = submitIdea("emp-" + UUID.randomUUID(), department);
        approver("mgr-" + department, department).body(Map.of()).post("/ideas/{id}/approve", id).then().statusCode(200);
        return id;
    }

    public static Map<String, Object> experiment(String ideaId, String lead) {
        return Map.of("ideaId", ideaId, "lead", lead, "scope", "Accounts payable: supplier contract renewals only",
                "tool", "ChatGPT Enterprise", "startDate", LocalDate.now().toString(),
                "plannedEndDate", LocalDate.now().plusWeeks(6).toString(),
                "successCriteria", java.util.List.of("Renewal dates found for 95% of contracts", "Review time halved"),
                "businessUnitFunding", Map.of("businessUnit", "Finance operations", "committedBy", "cfo", "amount", 25000, "currency", "EUR"));
    }

    public static String startExperiment(String ideaId, String department, String lead) {
        Response response = approver("mgr-" + department, department).body(experiment(ideaId, lead)).post("/experiments");
        response.then().statusCode(201);
        return response.path("id");
    }
}
