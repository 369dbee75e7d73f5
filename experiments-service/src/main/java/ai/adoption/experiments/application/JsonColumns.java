package ai.adoption.experiments.application;

import ai.adoption.eventsourcing.projection.JsonColumn;
import ai.adoption.experiments.domain.FundingCommitment;
import ai.adoption.experiments.domain.FundingDecision;

import jakarta.persistence.Converter;

import java.util.List;

/** The structured values of the read models, stored as JSON text. */
final class JsonColumns {

    private JsonColumns() {
    }

    @Converter
    static final class Decision extends JsonColumn<FundingDecision> {
        Decision() {
            super(FundingDecision.class);
        }
    }

    @Converter
    static final class Commitment extends JsonColumn<FundingCommitment> {
        Commitment() {
            super(FundingCommitment.class);
        }
    }

    @Converter
    static final class Findings extends JsonColumn<List<Views.FindingView>> {
        Findings() {
            super(List.class, Views.FindingView.class);
        }
    }

    @Converter
    static final class Strings extends JsonColumn<List<String>> {
        Strings() {
            super(List.class, String.class);
        }
    }
}
