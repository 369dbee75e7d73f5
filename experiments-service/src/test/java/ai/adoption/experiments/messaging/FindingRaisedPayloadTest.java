package ai.adoption.experiments.messaging;

import ai.adoption.eventsourcing.core.Actor;
import ai.adoption.experiments.domain.DataClassification;
import ai.adoption.experiments.domain.FindingKind;
import ai.adoption.experiments.domain.IdeaCommand.RecordFinding;
import ai.adoption.experiments.messaging.GovernanceFindingsConsumer.Raised;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** How a governance finding.raised payload is read: what it must carry, what it may leave out, what is unreadable. */
class FindingRaisedPayloadTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Actor ACTOR = Actor.system("experiments-service");
    private static final String FINDING = "3f1c2d4e-5b6a-4c7d-8e9f-0a1b2c3d4e5f";
    private static final String IDEA = "5997cd9a-be77-4388-ba97-ac8b40c3d6be";

    private static Raised read(String json) throws Exception {
        return Raised.read(JSON.readTree(json), ACTOR);
    }

    @Test
    void theDocumentedPayloadBecomesARecordFindingOnItsIdea() throws Exception {
        Raised raised = read("{\"findingId\":\"" + FINDING + "\",\"ideaId\":\"" + IDEA + "\",\"department\":\"finance\","
                + "\"tool\":\"ChatGPT Free\",\"dataClassification\":\"PERSONAL\",\"kind\":\"DATA_CLASS_NOT_ALLOWED\","
                + "\"allowedDataClasses\":[\"PUBLIC\",\"INTERNAL\"],\"message\":\"Not for personal data\",\"severity\":\"HIGH\"}");
        assertThat(raised.ideaId()).isEqualTo(UUID.fromString(IDEA));
        assertThat(raised.command()).isEqualTo(new RecordFinding(ACTOR, UUID.fromString(FINDING),
                FindingKind.DATA_CLASS_NOT_ALLOWED, "ChatGPT Free", DataClassification.PERSONAL,
                List.of(DataClassification.PUBLIC, DataClassification.INTERNAL), "Not for personal data"));
    }

    @Test
    void allowedDataClassesMayBeAbsentNullOrEmptyAndTheOptionalTextsMissing() throws Exception {
        String base = "{\"findingId\":\"" + FINDING + "\",\"ideaId\":\"" + IDEA + "\",\"kind\":\"TOOL_NOT_APPROVED\"";
        for (String json : List.of(base + "}", base + ",\"allowedDataClasses\":null}", base + ",\"allowedDataClasses\":[]}",
                base + ",\"tool\":null,\"message\":null,\"dataClassification\":null}")) {
            RecordFinding command = read(json).command();
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
            assertThatThrownBy(() -> read(json)).as(json).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
