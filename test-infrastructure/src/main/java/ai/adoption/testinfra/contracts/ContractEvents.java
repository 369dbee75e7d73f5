package ai.adoption.testinfra.contracts;

import ai.adoption.contracts.EventCatalogue;
import ai.adoption.contracts.ExperimentEvents;
import ai.adoption.contracts.GovernanceEvents;
import ai.adoption.contracts.IdeaEvents;
import ai.adoption.contracts.RevisitEvents;
import ai.adoption.contracts.Vocabulary.BenefitCategory;
import ai.adoption.contracts.Vocabulary.DataClassification;
import ai.adoption.contracts.Vocabulary.FindingKind;
import ai.adoption.contracts.Vocabulary.Outcome;
import ai.adoption.contracts.Vocabulary.Recommendation;
import ai.adoption.contracts.Vocabulary.RejectionReason;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.UUID;

/**
 * The one fixture every consumer test builds its incoming events from: payloads as the producing
 * service publishes them, built on the contract records of event-contracts (so a fixture cannot
 * describe a field the contract does not have), with realistic defaults for what a test does not
 * care about. {@link #json} is the CloudEvent's data; {@link #data} a mutable copy for tests that
 * send what a producer would not (a field removed, a value of the wrong type).
 */
public final class ContractEvents {

    private static final ObjectMapper JSON = JsonMapper.builder().addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build();

    private ContractEvents() {
    }

    /** The payload (a contract record, or a {@link #data} map) as the producers write it: every field, nulls included. */
    public static String json(Object payload) {
        try {
            return JSON.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The payload as a mutable map, in the record's field order. */
    public static LinkedHashMap<String, Object> data(Record payload) {
        return JSON.convertValue(payload, new TypeReference<LinkedHashMap<String, Object>>() { });
    }

    /** The stored event name of a payload record, e.g. {@code idea.rejected}. */
    public static String name(Record payload) {
        return EventCatalogue.of(payload.getClass()).name();
    }

    public static IdeaEvents.SubmittedV1 ideaSubmitted(UUID ideaId, String department, String tool, String dataClassification) {
        return new IdeaEvents.SubmittedV1(ideaId, "alice", "Draft customer letters " + UUID.randomUUID(),
                "Letters take an hour each", tool, DataClassification.valueOf(dataClassification), BenefitCategory.EFFICIENCY,
                department);
    }

    public static IdeaEvents.RevisedV1 ideaRevised(UUID ideaId, String tool, String dataClassification) {
        return new IdeaEvents.RevisedV1(ideaId, "Draft customer letters, revised " + UUID.randomUUID(), "Letters take an hour each",
                tool, DataClassification.valueOf(dataClassification), BenefitCategory.EFFICIENCY);
    }

    public static IdeaEvents.RejectedV1 ideaRejected(UUID ideaId, String department, String tool, String reason,
                                                     String revisitAfter) {
        return new IdeaEvents.RejectedV1(ideaId, department, "fiona", "alice", "Summarise supplier contracts " + UUID.randomUUID(),
                tool, RejectionReason.valueOf(reason), "Contracts may not leave the EU; retry when the EU-hosted tenant is live",
                revisitAfter);
    }

    /** {@code dataClassification} null: as published before experiment.started carried it. */
    public static ExperimentEvents.StartedV1 experimentStarted(UUID experimentId, String department, String tool,
                                                               String dataClassification) {
        return new ExperimentEvents.StartedV1(experimentId, UUID.randomUUID(), department,
                "Summarise supplier contracts " + UUID.randomUUID(), "lena-" + department, "Procurement, contracts under 50k EUR", tool,
                dataClassification == null ? null : DataClassification.valueOf(dataClassification), LocalDate.parse("2026-03-02"),
                LocalDate.parse("2026-05-29"), List.of("Renewal dates found in under 5 minutes"),
                new ExperimentEvents.BusinessUnitFunding(null, "fiona", new BigDecimal("20000"), "EUR"), "fiona");
    }

    /** {@code recommendation} may be null. */
    public static ExperimentEvents.ConcludedV1 experimentConcluded(UUID experimentId, String department, String tool, String outcome,
                                                                   String recommendation) {
        return new ExperimentEvents.ConcludedV1(experimentId, UUID.randomUUID(), department,
                "Summarise supplier contracts " + UUID.randomUUID(), tool, Outcome.valueOf(outcome),
                recommendation == null ? null : Recommendation.valueOf(recommendation),
                "Extraction worked, but one hallucinated date in twenty is too many", "lena");
    }

    public static ExperimentEvents.AbandonedV1 experimentAbandoned(UUID experimentId, String department, String tool) {
        return new ExperimentEvents.AbandonedV1(experimentId, UUID.randomUUID(), department,
                "Summarise supplier contracts " + UUID.randomUUID(), tool, "The vendor withdrew the EU-hosted tenant", "fiona");
    }

    /** {@code validFrom} and {@code validUntil} as ISO dates, or null. */
    public static GovernanceEvents.ToolApprovedV1 toolApproved(UUID toolId, String tool, String approvedBy, String validFrom,
                                                               String validUntil) {
        return new GovernanceEvents.ToolApprovedV1(toolId, tool, "OpenAI", List.of(DataClassification.PUBLIC,
                DataClassification.INTERNAL, DataClassification.CONFIDENTIAL), approvedBy,
                validFrom == null ? null : LocalDate.parse(validFrom), validUntil == null ? null : LocalDate.parse(validUntil),
                "EU tenant");
    }

    /** A finding as governance raises it when the tool is not approved at all (no allowed data classes). */
    public static GovernanceEvents.FindingRaisedV1 findingRaised(UUID findingId, UUID ideaId, String kind) {
        return new GovernanceEvents.FindingRaisedV1(findingId, ideaId, "finance", "ChatGPT Free", DataClassification.CONFIDENTIAL,
                FindingKind.valueOf(kind), List.of(), "ChatGPT Free is not on the approved-tools list");
    }

    public static GovernanceEvents.FindingResolvedV1 findingResolved(UUID findingId, UUID ideaId, String reason) {
        return new GovernanceEvents.FindingResolvedV1(findingId, ideaId, reason);
    }

    public static RevisitEvents.ReopenedV1 revisitReopened(UUID caseId, int cycle, UUID ideaId, String department) {
        return new RevisitEvents.ReopenedV1(caseId, cycle, ideaId, null, department, "Summarise supplier contracts",
                "ChatGPT Enterprise", "The EU-hosted tenant hallucinates far less", "anna");
    }
}
