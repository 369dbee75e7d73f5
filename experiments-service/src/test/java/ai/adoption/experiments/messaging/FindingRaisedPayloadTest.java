package ai.adoption.experiments.messaging;

import ai.adoption.contracts.EventCatalogue;
import ai.adoption.contracts.GovernanceEvents.FindingRaisedV1;
import ai.adoption.eventsourcing.cloudevents.IncomingEvent;
import ai.adoption.eventsourcing.consumer.EventRouter;
import ai.adoption.eventsourcing.consumer.EventRouters;
import ai.adoption.eventsourcing.core.Actor;
import ai.adoption.eventsourcing.web.StrictJson;
import ai.adoption.experiments.domain.DataClassification;
import ai.adoption.experiments.domain.FindingKind;
import ai.adoption.experiments.domain.IdeaCommand.RecordFinding;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.smallrye.mutiny.Uni;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * How a governance finding.raised payload is read, through the contract record and the service's strict
 * JSON rules: what it must carry, what it may leave out, what is unreadable.
 */
class FindingRaisedPayloadTest {

    private static final Actor ACTOR = Actor.system("experiments-service");
    private static final String FINDING = "3f1c2d4e-5b6a-4c7d-8e9f-0a1b2c3d4e5f";
    private static final String IDEA = "5997cd9a-be77-4388-ba97-ac8b40c3d6be";

    private static RecordFinding read(String json) {
        ObjectMapper mapper = new ObjectMapper().registerModule(new JavaTimeModule());
        new StrictJson().customize(mapper);
        AtomicReference<RecordFinding> read = new AtomicReference<>();
        EventRouter router = new EventRouters(mapper, Clock.fixed(Instant.EPOCH, ZoneOffset.UTC))
                .router("experiments-service", EventCatalogue::typeOf)
                .on(FindingRaisedV1.class, (finding, event) -> {
                    assertThat(finding.ideaId()).isEqualTo(UUID.fromString(IDEA));
                    read.set(GovernanceFindingsConsumer.recordFinding(finding, event.context().actor()));
                    return Uni.createFrom().voidItem();
                })
                .build();
        router.handle(new IncomingEvent(UUID.randomUUID(), "urn:ai-adoption:governance-service", "ai.adoption.finding.raised.v1",
                FINDING, Instant.EPOCH, null, json, "governance.finding", 0, 0)).await().indefinitely();
        return read.get();
    }

    @Test
    void theDocumentedPayloadBecomesARecordFindingOnItsIdea() {
        RecordFinding command = read("{\"findingId\":\"" + FINDING + "\",\"ideaId\":\"" + IDEA + "\",\"department\":\"finance\","
                + "\"tool\":\"ChatGPT Free\",\"dataClassification\":\"PERSONAL\",\"kind\":\"DATA_CLASS_NOT_ALLOWED\","
                + "\"allowedDataClasses\":[\"PUBLIC\",\"INTERNAL\"],\"message\":\"Not for personal data\",\"severity\":\"HIGH\"}");
        assertThat(command).isEqualTo(new RecordFinding(ACTOR, UUID.fromString(FINDING),
                FindingKind.DATA_CLASS_NOT_ALLOWED, "ChatGPT Free", DataClassification.PERSONAL,
                List.of(DataClassification.PUBLIC, DataClassification.INTERNAL), "Not for personal data"));
    }

    @Test
    void allowedDataClassesMayBeAbsentNullOrEmptyAndTheOptionalTextsMissing() {
        String base = "{\"findingId\":\"" + FINDING + "\",\"ideaId\":\"" + IDEA + "\",\"kind\":\"TOOL_NOT_APPROVED\"";
        for (String json : List.of(base + "}", base + ",\"allowedDataClasses\":null}", base + ",\"allowedDataClasses\":[]}",
                base + ",\"tool\":null,\"message\":null,\"dataClassification\":null}")) {
            RecordFinding command = read(json);
            assertThat(command.allowedDataClasses()).as(json).isEmpty();
            assertThat(command.tool()).as(json).isNull();
            assertThat(command.message()).as(json).isNull();
            assertThat(command.dataClassification()).as(json).isNull();
        }
    }

    @Test
    void aPayloadThatCannotBeReadIsRefused() {
        String ids = "\"findingId\":\"" + FINDING + "\",\"ideaId\":\"" + IDEA + "\"";
        for (String json : List.of(
                "[]",
                "\"text\"",
                "null",
                "",
                "{\"ideaId\":\"" + IDEA + "\",\"kind\":\"TOOL_NOT_APPROVED\"}",
                "{\"findingId\":\"" + FINDING + "\",\"kind\":\"TOOL_NOT_APPROVED\"}",
                "{" + ids + "}",
                "{" + ids + ",\"kind\":null}",
                "{" + ids + ",\"kind\":\"TOOL_IS_PURPLE\"}",
                "{" + ids + ",\"kind\":\"tool_not_approved\"}",
                "{" + ids + ",\"kind\":0}",
                "{\"findingId\":\"1-2-3-4-5\",\"ideaId\":\"" + IDEA + "\",\"kind\":\"TOOL_NOT_APPROVED\"}",
                "{\"findingId\":\"" + FINDING + "\",\"ideaId\":42,\"kind\":\"TOOL_NOT_APPROVED\"}",
                "{" + ids + ",\"kind\":\"TOOL_NOT_APPROVED\",\"tool\":7}",
                "{" + ids + ",\"kind\":\"TOOL_NOT_APPROVED\",\"dataClassification\":\"SECRET\"}",
                "{" + ids + ",\"kind\":\"DATA_CLASS_NOT_ALLOWED\",\"allowedDataClasses\":\"PUBLIC\"}",
                "{" + ids + ",\"kind\":\"DATA_CLASS_NOT_ALLOWED\",\"allowedDataClasses\":[\"PUBLIC\",null]}",
                "{" + ids + ",\"kind\":\"DATA_CLASS_NOT_ALLOWED\",\"allowedDataClasses\":[\"SECRET\"]}")) {
            assertThatThrownBy(() -> read(json)).as(json).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("Unreadable ai.adoption.finding.raised.v1 ");
        }
    }
}
