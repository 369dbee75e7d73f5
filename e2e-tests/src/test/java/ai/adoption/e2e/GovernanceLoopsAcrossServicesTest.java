package ai.adoption.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static ai.adoption.e2e.AcrossServices.RUN;
import static ai.adoption.e2e.Api.caseOf;
import static ai.adoption.e2e.Api.encode;
import static ai.adoption.e2e.Api.expect;
import static ai.adoption.e2e.Api.poll;
import static ai.adoption.e2e.Api.send;
import static ai.adoption.e2e.Api.token;
import static ai.adoption.e2e.Api.toolApproval;
import static ai.adoption.e2e.Api.types;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * governance-service in the loops of the other two (real processes, see {@link AcrossServices}):
 * <ul>
 * <li>an idea naming a tool that is not on the approved-tools list gets a TOOL_NOT_APPROVED finding in
 * governance ({@code idea.submitted} consumed), which experiments-service shows on the idea
 * ({@code finding.raised} consumed);</li>
 * <li>rejected for that reason with {@code revisitAfter=P3M}, its revisit case waits; approving the tool in
 * governance ({@code tool.approved} consumed by revisit-service) brings the case forward: DUE now, once;</li>
 * <li>a started experiment ({@code experiment.started} consumed) is on governance's register as a PILOT.</li>
 * </ul>
 */
@ExtendWith(AcrossServices.class)
class GovernanceLoopsAcrossServicesTest {

    private static final String TOOL_NOT_APPROVED = "TOOL_NOT_APPROVED";

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void anUnapprovedToolGetsAFindingOnTheIdeaAndItsApprovalBringsTheRevisitForward() throws Exception {
        ServiceProcess experiments = AcrossServices.experiments();
        ServiceProcess revisit = AcrossServices.revisit();
        ServiceProcess governance = AcrossServices.governance();
        String department = "legal-" + RUN;
        String tool = "Clause Finder " + RUN;
        String employee = token("lena-" + RUN, "employee", department);
        String approver = token("omar-" + RUN, "approver", department);
        String ambassador = token("ines-" + RUN, "ambassador", department);
        String officer = token("cora-" + RUN, "compliance-officer", "compliance");
        String admin = token("ada-" + RUN, "admin", "it");

        // a. idea -> finding: governance checks idea.submitted against the approved-tools list ...
        String ideaId = submit(experiments, employee, tool, "Find the liability clauses in 200 NDAs a month");
        JsonNode findings = poll("governance's finding on the idea",
                () -> send(governance, "GET", "/findings?ideaId=" + ideaId, officer, null),
                r -> r.status() == 200 && r.json().path("findings").size() > 0).path("findings");
        assertEquals(1, findings.size(), findings.toString());
        JsonNode finding = findings.get(0);
        assertEquals(TOOL_NOT_APPROVED, finding.path("kind").asText(), finding.toString());
        assertEquals(department, finding.path("department").asText(), finding.toString());
        assertEquals(tool, finding.path("tool").asText(), finding.toString());
        assertEquals("INTERNAL", finding.path("dataClassification").asText(), finding.toString());
        String findingId = finding.path("findingId").asText();

        // ... and experiments-service records finding.raised on the idea, for the approver
        JsonNode idea = poll("the finding on the idea in experiments-service",
                () -> send(experiments, "GET", "/ideas/" + ideaId, employee, null),
                r -> r.status() == 200 && TOOL_NOT_APPROVED.equals(r.json().path("findings").path(0).path("kind").asText()));
        assertEquals(1, idea.path("findings").size(), idea.toString());
        assertEquals(findingId, idea.path("findings").path(0).path("findingId").asText(), idea.toString());
        assertEquals("SUBMITTED", idea.path("status").asText(), idea.toString());

        // b. rejected because the tool is not approved, to be revisited in 3 months ...
        JsonNode rejected = expect(200, send(experiments, "POST", "/ideas/" + ideaId + "/reject", approver, Map.of(
                "reason", TOOL_NOT_APPROVED, "explanation", "Not on the approved-tools list yet", "revisitAfter", "P3M")));
        assertEquals("REJECTED", rejected.path("status").asText(), rejected.toString());
        String list = "/revisits?department=" + encode(department);
        JsonNode listed = poll("the case on the revisit list", () -> send(revisit, "GET", list, ambassador, null),
                r -> r.status() == 200 && caseOf(r.json(), ideaId) != null);
        JsonNode waiting = caseOf(listed, ideaId);
        String caseId = waiting.path("id").asText();
        assertEquals("SCHEDULED", waiting.path("status").asText(), waiting.toString());
        assertEquals(TOOL_NOT_APPROVED, waiting.path("rejectionReason").asText(), waiting.toString());
        Instant dueAt = Instant.parse(waiting.path("dueAt").asText());
        assertTrue(dueAt.isAfter(Instant.now().plus(80, ChronoUnit.DAYS)), "due in about 3 months: " + waiting);

        // ... until the admin approves the tool in governance: revisit-service brings the case forward, DUE now
        expect(200, send(governance, "POST", "/approved-tools", admin,
                toolApproval(tool, "Example Vendor", List.of("PUBLIC", "INTERNAL"), "Approved in the e2e run " + RUN)));
        JsonNode due = poll("the case DUE after the approval", () -> send(revisit, "GET", "/revisits/" + caseId, ambassador, null),
                r -> r.status() == 200 && "DUE".equals(r.json().path("status").asText()));
        assertEquals(1, due.path("cycle").asInt(), due.toString());
        JsonNode history = expect(200, send(revisit, "GET", "/revisits/" + caseId + "/history", ambassador, null));
        List<String> types = types(history);
        assertEquals(1, types.stream().filter("ai.adoption.revisit.due.v1"::equals).count(), "revisit.due exactly once: " + history);
        assertEquals(1, types.stream().filter("ai.adoption.revisit.brought-forward.v1"::equals).count(),
                "brought forward once: " + history);
        assertTrue(types.indexOf("ai.adoption.revisit.brought-forward.v1") < types.indexOf("ai.adoption.revisit.due.v1"),
                "brought forward, then due: " + history);
    }

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void aStartedExperimentIsOnTheRegisterAsAPilot() throws Exception {
        ServiceProcess experiments = AcrossServices.experiments();
        ServiceProcess governance = AcrossServices.governance();
        String department = "marketing-" + RUN;
        String tool = "Copy Drafter " + RUN;
        String employee = token("mia-" + RUN, "employee", department);
        String approver = token("noah-" + RUN, "approver", department);
        String officer = token("cora-" + RUN, "compliance-officer", "compliance");
        LocalDate today = LocalDate.now(ZoneOffset.UTC);

        // approved before the idea: governance raises no finding, so no finding.raised races the commands below
        expect(200, send(governance, "POST", "/approved-tools", token("ada-" + RUN, "admin", "it"),
                toolApproval(tool, "Example Vendor", List.of("PUBLIC", "INTERNAL"), "Approved in the e2e run " + RUN)));
        String ideaId = submit(experiments, employee, tool, "Writing the first draft of each campaign's copy takes two days");

        JsonNode approved = expect(200, send(experiments, "POST", "/ideas/" + ideaId + "/approve", approver, Map.of(
                "funding", Map.of("centralBudgetAmount", 4000, "currency", "EUR", "businessUnitCommitted", true,
                        "businessUnit", "Marketing"),
                "comment", "Worth a six-week pilot")));
        assertEquals("APPROVED", approved.path("status").asText(), approved.toString());

        JsonNode experiment = expect(201, send(experiments, "POST", "/experiments", approver, Map.of(
                "ideaId", ideaId,
                "lead", "mia-" + RUN,
                "scope", "Spring campaign e-mails only",
                "tool", tool,
                "startDate", today.toString(),
                "plannedEndDate", today.plusWeeks(6).toString(),
                "successCriteria", List.of("First drafts in under 2 hours", "No factual errors in review"),
                "businessUnitFunding", Map.of("businessUnit", "Marketing", "committedBy", "head-of-marketing",
                        "amount", 12000, "currency", "EUR"))));
        String experimentId = experiment.path("id").asText();

        // governance consumed experiment.started: the system is registered as a pilot of the department
        UUID systemId = UUID.nameUUIDFromBytes(("ai-system:experiment:" + experimentId).getBytes(StandardCharsets.UTF_8));
        JsonNode system = poll("the experiment's AI system on the register",
                () -> send(governance, "GET", "/ai-systems/" + systemId, officer, null),
                r -> r.status() == 200 && "PILOT".equals(r.json().path("lifecycle").asText()));
        assertEquals(tool, system.path("tool").asText(), system.toString());
        assertEquals(department, system.path("accountable").path("department").asText(), system.toString());
        assertEquals("INTERNAL", system.path("dataClassification").asText(), system.toString());
        assertEquals(experimentId, system.path("experimentId").asText(), system.toString());
        assertEquals(ideaId, system.path("ideaId").asText(), system.toString());
    }

    /** Submits an INTERNAL idea for the token's department; its id. */
    private static String submit(ServiceProcess experiments, String employee, String tool, String problem) throws Exception {
        JsonNode idea = expect(201, send(experiments, "POST", "/ideas", employee, Map.of(
                "title", "Try " + tool, "problem", problem, "aiTool", tool,
                "dataClassification", "INTERNAL", "benefitCategory", "EFFICIENCY")));
        return idea.path("id").asText();
    }
}
