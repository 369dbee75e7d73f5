package ai.adoption.contracts;

import ai.adoption.contracts.GovernanceEvents.FindingRaisedV1;
import ai.adoption.contracts.Vocabulary.DataClassification;
import ai.adoption.contracts.Vocabulary.FindingKind;
import com.fasterxml.jackson.databind.JsonMappingException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static ai.adoption.contracts.ContractJson.STRICT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventCatalogueTest {

    private static final String IDS = "\"findingId\":\"3f1c2d4e-5b6a-4c7d-8e9f-0a1b2c3d4e5f\","
            + "\"ideaId\":\"5997cd9a-be77-4388-ba97-ac8b40c3d6be\"";

    @Test
    void everyTypeIsNamedVersionedAndOnTheTopicOfItsFamily() {
        for (EventContract<?> contract : EventCatalogue.ALL) {
            assertThat(contract.type()).matches("ai\\.adoption\\.[a-z-]+\\.[a-z-]+\\.v[1-9][0-9]*");
            assertThat(contract.payload().isRecord()).isTrue();
            assertThat(EventCatalogue.of(contract.payload())).isSameAs(contract);
            assertThat(EventCatalogue.typeOf(contract.payload())).isEqualTo(contract.type());
            assertThat(contract.payload().getSimpleName()).as(contract.type()).endsWith("V" + contract.schemaVersion());
        }
        assertThat(EventCatalogue.of(FindingRaisedV1.class).name()).isEqualTo("finding.raised");
        assertThat(EventCatalogue.onTopic("governance.finding")).extracting(EventContract::type)
                .containsExactly("ai.adoption.finding.raised.v1", "ai.adoption.finding.resolved.v1");
        assertThat(EventCatalogue.byType("ai.adoption.finding.purple.v1")).isEmpty();
    }

    @Test
    void aPayloadReadsOnlyWithWhatItsProducersAlwaysSendAndExactNames() throws Exception {
        FindingRaisedV1 minimal = STRICT.readValue("{" + IDS + ",\"kind\":\"TOOL_NOT_APPROVED\"}", FindingRaisedV1.class);
        assertThat(minimal.allowedDataClasses()).isEmpty();
        assertThat(STRICT.readValue("{" + IDS + ",\"kind\":\"DATA_CLASS_NOT_ALLOWED\",\"allowedDataClasses\":[\"PUBLIC\"]}",
                FindingRaisedV1.class)).isEqualTo(new FindingRaisedV1(UUID.fromString("3f1c2d4e-5b6a-4c7d-8e9f-0a1b2c3d4e5f"),
                UUID.fromString("5997cd9a-be77-4388-ba97-ac8b40c3d6be"), null, null, null, FindingKind.DATA_CLASS_NOT_ALLOWED,
                List.of(DataClassification.PUBLIC), null));
        for (String unreadable : List.of("{" + IDS + "}", "{" + IDS + ",\"kind\":\"tool_not_approved\"}",
                "{" + IDS + ",\"kind\":0}", "{" + IDS + ",\"kind\":\"TOOL_NOT_APPROVED\",\"allowedDataClasses\":[null]}",
                "{" + IDS + ",\"kind\":\"TOOL_NOT_APPROVED\",\"tool\":7}")) {
            assertThatThrownBy(() -> STRICT.readValue(unreadable, FindingRaisedV1.class)).as(unreadable)
                    .isInstanceOf(JsonMappingException.class);
        }
    }
}
