package ai.adoption.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static ai.adoption.e2e.AcrossServices.RUN;
import static ai.adoption.e2e.Api.caseOf;
import static ai.adoption.e2e.Api.encode;
import static ai.adoption.e2e.Api.expect;
import static ai.adoption.e2e.Api.ofType;
import static ai.adoption.e2e.Api.poll;
import static ai.adoption.e2e.Api.send;
import static ai.adoption.e2e.Api.toolApproval;
import static ai.adoption.e2e.Api.types;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * The reopen loop across the services (real processes, see {@link AcrossServices}):
 * an employee submits an idea (experiments-service), the approver rejects it with {@code revisitAfter=PT5S},
 * revisit-service consumes {@code idea.rejected} and lists the case, its scheduler fires {@code revisit.due},
 * the ambassador finds the idea feasible now, and experiments-service consumes {@code revisit.reopened}: the
 * idea is SUBMITTED again, its history ending in {@code idea.reopened} caused by the revisit event.
 */
@ExtendWith(AcrossServices.class)
class ReopenLoopAcrossServicesTest {

    private static final String DEPARTMENT = "finance-" + RUN;
    private static final String TOOL = "ChatGPT Enterprise";

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void aRejectedIdeaComesDueAndAnAmbassadorReopensItInExperimentsService() throws Exception {
        ServiceProcess experiments = AcrossServices.experiments();
        ServiceProcess revisit = AcrossServices.revisit();
        String employee = token("alice-" + RUN, "employee");
        String approver = token("fiona-" + RUN, "approver");
        String ambassador = token("anna-" + RUN, "ambassador");

        // 0. the tool is on governance's approved-tools list for confidential data: the idea breaks no rule,
        //    so no finding is recorded on it (its history stays the loop's, and no finding races the rejection)
        expect(200, send(AcrossServices.governance(), "POST", "/approved-tools", token("ada-" + RUN, "admin"),
                toolApproval(TOOL, "OpenAI", List.of("PUBLIC", "INTERNAL", "CONFIDENTIAL"), "EU data residency, no training on prompts")));

        // 1. submit (experiments-service)
        JsonNode idea = expect(201, send(experiments, "POST", "/ideas", employee, Map.of(
                "title", "Summarise supplier contracts " + RUN,
                "problem", "Reading 40-page contracts to find renewal dates takes hours every month",
                "aiTool", TOOL, "dataClassification", "CONFIDENTIAL", "benefitCategory", "EFFICIENCY",
                "department", DEPARTMENT)));
        String ideaId = idea.path("id").asText();

        // 2. reject, to be revisited after 5 seconds
        JsonNode rejected = expect(200, send(experiments, "POST", "/ideas/" + ideaId + "/reject", approver, Map.of(
                "reason", "UNRELIABLE_OUTPUT", "explanation", "It invented a renewal date", "revisitAfter", "PT5S")));
        assertEquals("REJECTED", rejected.path("status").asText(), rejected.toString());

        // 3. revisit-service consumed idea.rejected: the case is on the list ...
        String list = "/revisits?department=" + encode(DEPARTMENT) + "&tool=" + encode(TOOL);
        JsonNode listed = poll("the case on the revisit list", () -> send(revisit, "GET", list, ambassador, null),
                r -> r.status() == 200 && caseOf(r.json(), ideaId) != null);
        String caseId = caseOf(listed, ideaId).path("id").asText();

        // ... and its scheduler makes it DUE once the 5 s have passed
        JsonNode due = poll("the case DUE", () -> send(revisit, "GET", "/revisits/" + caseId, ambassador, null),
                r -> r.status() == 200 && "DUE".equals(r.json().path("status").asText()));
        assertEquals(1, due.path("cycle").asInt(), due.toString());

        // 4. the ambassador: feasible now
        JsonNode evaluated = expect(201, send(revisit, "POST", "/revisits/" + caseId + "/evaluations", ambassador,
                Map.of("verdict", "NOW_FEASIBLE", "notes", "The EU-hosted tenant hallucinates far less")));
        assertEquals("CLOSED", evaluated.path("status").asText(), evaluated.toString());
        assertEquals("REOPENED", evaluated.path("closure").asText(), evaluated.toString());
        JsonNode caseHistory = expect(200, send(revisit, "GET", "/revisits/" + caseId + "/history", ambassador, null));
        JsonNode reopenedEvent = ofType(caseHistory, "ai.adoption.revisit.reopened.v1");
        assertNotNull(reopenedEvent, "revisit.reopened in the case history: " + caseHistory);
        assertNotNull(ofType(caseHistory, "ai.adoption.revisit.due.v1"), "revisit.due in the case history: " + caseHistory);

        // 5. experiments-service consumed revisit.reopened: SUBMITTED again, for a fresh decision
        JsonNode reopened = poll("the idea SUBMITTED again", () -> send(experiments, "GET", "/ideas/" + ideaId, employee, null),
                r -> r.status() == 200 && "SUBMITTED".equals(r.json().path("status").asText()));
        assertEquals(1, reopened.path("reopenCount").asInt(), reopened.toString());
        assertEquals(caseId, reopened.path("revisitCaseId").asText(), reopened.toString());

        JsonNode history = expect(200, send(experiments, "GET", "/ideas/" + ideaId + "/history", employee, null));
        assertEquals(List.of("ai.adoption.idea.submitted.v1", "ai.adoption.idea.rejected.v1", "ai.adoption.idea.reopened.v1"),
                types(history), history.toString());
        assertEquals(reopenedEvent.path("eventId").asText(), history.get(2).path("causationId").asText(),
                "idea.reopened is caused by the revisit.reopened event: " + history);
    }

    private static String token(String subject, String role) {
        return Api.token(subject, role, DEPARTMENT);
    }
}
