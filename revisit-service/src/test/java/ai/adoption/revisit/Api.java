package ai.adoption.revisit;

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

    /** A department name unique to one test, so tests never see each other's cases. */
    public static String department(String name) {
        return name + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public static RequestSpecification as(String subject, String department, String... roles) {
        return RestAssured.given().auth().oauth2(DevTokens.mint(subject, Set.of(roles), department)).contentType(ContentType.JSON);
    }

    public static RequestSpecification ambassador(String department) {
        return as("amb-" + department, department, "ambassador");
    }

    public static RequestSpecification admin() {
        return as("root", null, "admin");
    }

    public static RequestSpecification reader() {
        return as("reader", "anywhere", "employee");
    }

    public static RequestSpecification anonymous() {
        return RestAssured.given().contentType(ContentType.JSON);
    }
}
