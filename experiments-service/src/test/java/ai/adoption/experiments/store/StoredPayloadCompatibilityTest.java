package ai.adoption.experiments.store;

import ai.adoption.eventsourcing.store.EventCodec;
import ai.adoption.experiments.application.Aggregates;
import ai.adoption.experiments.domain.DataClassification;
import ai.adoption.experiments.domain.ExperimentEvent.ExperimentStarted;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Additive fields on a published schema version: payloads stored before a field existed still decode
 * with the service's own (strict) ObjectMapper, the field null; new payloads carry it.
 */
@QuarkusTest
class StoredPayloadCompatibilityTest {

    /** experiment.started v1 as it was stored before it carried the idea's data classification. */
    private static final String STARTED_BEFORE_CLASSIFICATION = """
            {"experimentId":"b1c9f8e2-7a43-4d55-9a8e-0f6d2c1e9b70","ideaId":"5997cd9a-be77-4388-ba97-ac8b40c3d6be",
             "department":"finance","title":"Summarise supplier contracts","lead":"lena",
             "scope":"Accounts payable: supplier contract renewals only","tool":"ChatGPT Enterprise",
             "startDate":"2026-12-01","plannedEndDate":"2027-01-12",
             "successCriteria":["Renewal dates found for 95% of contracts"],
             "businessUnitFunding":{"businessUnit":"Finance operations","committedBy":"cfo","amount":25000,"currency":"EUR"},
             "startedBy":"fiona"}""";

    @Inject
    EventCodec codec;

    @Test
    void anExperimentStartedStoredWithoutADataClassificationDecodesWithNull() throws Exception {
        Object decoded = codec.decode(Aggregates.EXPERIMENT.typeNamed("experiment.started", 1), STARTED_BEFORE_CLASSIFICATION);
        assertThat(decoded).isInstanceOf(ExperimentStarted.class);
        ExperimentStarted started = (ExperimentStarted) decoded;
        assertThat(started.dataClassification()).isNull();
        assertThat(started.experimentId()).isEqualTo(UUID.fromString("b1c9f8e2-7a43-4d55-9a8e-0f6d2c1e9b70"));
        assertThat(started.tool()).isEqualTo("ChatGPT Enterprise");
        assertThat(started.businessUnitFunding().businessUnit()).isEqualTo("Finance operations");

        ExperimentStarted classified = new ExperimentStarted(started.experimentId(), started.ideaId(), started.department(),
                started.title(), started.lead(), started.scope(), started.tool(), DataClassification.PERSONAL,
                started.startDate(), started.plannedEndDate(), started.successCriteria(), started.businessUnitFunding(),
                started.startedBy());
        String encoded = codec.encode(classified);
        assertThat(new ObjectMapper().readTree(encoded).path("dataClassification").asText()).isEqualTo("PERSONAL");
        assertThat(codec.decode(Aggregates.EXPERIMENT.typeNamed("experiment.started", 1), encoded)).isEqualTo(classified);
    }
}
