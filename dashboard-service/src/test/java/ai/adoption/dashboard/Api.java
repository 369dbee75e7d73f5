package ai.adoption.dashboard;

import ai.adoption.testinfra.DevTokens;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

import java.util.Set;
import java.util.UUID;

/** Test callers with real signed tokens. */
public final class Api {

    private Api() {
    }

    /** A department name unique to one test, so tests never see each other's items. */
    public static String department(String name) {
        return name + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public static String token(String subject, String department, String... roles) {
        return DevTokens.mint(subject, Set.of(roles), department);
    }

    public static RequestSpecification as(String subject, String department, String... roles) {
        return RestAssured.given().auth().oauth2(token(subject, department, roles)).contentType(ContentType.JSON);
    }

    public static RequestSpecification admin() {
        return as("root", null, "admin");
    }

    public static RequestSpecification approver(String department) {
        return as("approver-" + department, department, "approver");
    }

    /** A fresh stream ticket for the caller. */
    public static String ticket(RequestSpecification caller) {
        return caller.post("/dashboard/stream-tickets").then().statusCode(201).extract().path("ticket");
    }
}
